// The demo routes on the HTTP listener, without a browser (client/test/browser.test.ts drives
// the page in Chromium): the page, its bundled script, and config.json when WebTransport is off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrokerProcess, startBrokerProcess } from '../../src/testing/broker-process.js';

async function get(port: number, path: string) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { redirect: 'manual' });
  return { status: res.status, type: res.headers.get('content-type'), body: await res.text(), res };
}

describe('demo page', () => {
  let broker: BrokerProcess;
  beforeAll(async () => {
    broker = await startBrokerProcess({ FELIX_CARRIERS: 'tls' });
  });
  afterAll(() => broker.stop());

  it('serves the page, redirecting /demo to /demo/', async () => {
    const redirect = await get(broker.httpPort, '/demo');
    expect(redirect.status).toBe(301);
    expect(redirect.res.headers.get('location')).toBe('/demo/');
    const page = await get(broker.httpPort, '/demo/');
    expect(page.status).toBe(200);
    expect(page.type).toMatch(/^text\/html/);
    expect(page.body).toContain('<script type="module" src="app.js">');
  });

  it('bundles the page script for browsers on request', async () => {
    const script = await get(broker.httpPort, '/demo/app.js');
    expect(script.status).toBe(200);
    expect(script.type).toMatch(/^text\/javascript/);
    expect(script.body.startsWith('// Felix demo page script, bundled by the broker')).toBe(true);
    // The library's WebSocket ponyfill is in, its Node transport is not.
    expect(script.body).toContain('webtransport_');
    expect(script.body).not.toMatch(/from\s*["']node:/);
  });

  it('says so when WebTransport is not served, and 404s unknown demo paths', async () => {
    const config = await get(broker.httpPort, '/demo/config.json');
    expect(config.status).toBe(503);
    expect(config.body).toMatch(/WebTransport is not listening/);
    expect((await get(broker.httpPort, '/demo/nothing.js')).status).toBe(404);
  });
});
