// The demo routes on the HTTP listener, without a browser (client/test/browser.test.ts drives
// the real page in Chromium): static files from the demoDir setting, config.json, and nothing
// at all when demoDir is unset.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrokerProcess, startBrokerProcess } from '@felix/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** A GET whose path is sent as written: fetch would resolve the dot segments first. */
function get(port: number, path: string): Promise<{ status: number; type?: string; location?: string; body: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          type: res.headers['content-type'],
          location: res.headers.location,
          body,
        }),
      );
    })
      .on('error', reject)
      .end();
  });
}

describe('demo page from demoDir', () => {
  let broker: BrokerProcess;
  let root: string;
  beforeAll(async () => {
    // A secret next to the demo directory, for the requests that try to climb out of it.
    root = mkdtempSync(join(tmpdir(), 'felix-demo-test-'));
    writeFileSync(join(root, 'secret.txt'), 'outside the demo directory');
    const dir = join(root, 'site');
    mkdirSync(join(dir, 'assets'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><script type="module" src="app.js"></script>');
    writeFileSync(join(dir, 'app.js'), 'console.log("demo");');
    writeFileSync(join(dir, 'assets', 'style.css'), 'body { color: red }');
    writeFileSync(join(dir, 'config.json'), '{"from":"the directory"}');
    broker = await startBrokerProcess({ FELIX_CARRIERS: 'tls', FELIX_DEMO_DIR: dir });
  });
  afterAll(async () => {
    await broker.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves index.html at /demo/, redirecting /demo there', async () => {
    const redirect = await get(broker.httpPort, '/demo');
    expect(redirect.status).toBe(301);
    expect(redirect.location).toBe('/demo/');
    const page = await get(broker.httpPort, '/demo/');
    expect(page.status).toBe(200);
    expect(page.type).toMatch(/^text\/html/);
    expect(page.body).toContain('<script type="module" src="app.js">');
    expect((await get(broker.httpPort, '/demo/index.html')).body).toBe(page.body);
  });

  it('serves the other files with their content types', async () => {
    const script = await get(broker.httpPort, '/demo/app.js');
    expect(script.status).toBe(200);
    expect(script.type).toMatch(/^text\/javascript/);
    expect(script.body).toBe('console.log("demo");');
    const style = await get(broker.httpPort, '/demo/assets/style.css');
    expect(style.type).toMatch(/^text\/css/);
    expect(style.body).toBe('body { color: red }');
  });

  it('answers config.json itself: 503 while WebTransport is not served', async () => {
    const config = await get(broker.httpPort, '/demo/config.json');
    expect(config.status).toBe(503);
    expect(config.body).toMatch(/WebTransport is not listening/);
  });

  it('404s unknown paths, directories and paths that leave the directory', async () => {
    for (const path of [
      '/demo/nothing.js',
      '/demo/assets',
      '/demo/assets/',
      '/demo/../secret.txt',
      '/demo/..%2fsecret.txt',
      '/demo/%2e%2e/secret.txt',
      '/demo/assets/..%2F..%2Fsecret.txt',
      '/demo/app.js%00.html',
    ]) {
      const res = await get(broker.httpPort, path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(res.body).not.toContain('outside');
    }
    expect((await get(broker.httpPort, '/demo/%E0%A4%A')).status).toBe(400);
  });
});

describe('demo page without demoDir', () => {
  let broker: BrokerProcess;
  beforeAll(async () => {
    broker = await startBrokerProcess({ FELIX_CARRIERS: 'tls,webtransport', FELIX_DEMO_DIR: '' });
  });
  afterAll(() => broker.stop());

  it('is not served at all', async () => {
    for (const path of ['/demo', '/demo/', '/demo/config.json'])
      expect({ path, status: (await get(broker.httpPort, path)).status }).toEqual({ path, status: 404 });
  });
});
