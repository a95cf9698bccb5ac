// The published packages work outside the repository: every publishable workspace is packed,
// the tarballs are installed in a scratch project under the system temp directory, and from
// there (a) a Node script publishes, subscribes and uses the cache with @felix/client against a
// running broker, (b) esbuild bundles @felix/client for the browser without a Node module, and
// the bundle does the same from Chromium, (c) the installed `felix` bin answers --help, publishes
// and uses the cache, and starts the packed broker. About 20 s, half of it `npm install`
// (third-party packages come from npm's cache when it has them, from the registry otherwise).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrokerProcess, brokerReady, ephemeralBrokerEnv, startBrokerProcess, stopProcess } from '@felix/testkit';
import { createSelfSigned, spkiSha256Base64 } from '@felix/transport';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../testing/chromium.js';
import { cleanEnv, createScratchProject, type ScratchProject } from '../testing/scratch-project.js';

const NODE_SCRIPT = `
import { connect } from '@felix/client';

const [url, certSha256] = process.argv.slice(2);
const felix = await connect(url, { certSha256, token: process.env.FELIX_TOKEN });
const subscription = await felix.subscribe('demo', { start: 'latest' });
await felix.publish('demo', 'from node');
for await (const { payload } of subscription) {
  console.log('received', new TextDecoder().decode(payload));
  break;
}
await felix.put('primary', 'packaging:node', 'kept');
console.log('cached', new TextDecoder().decode(await felix.get('primary', 'packaging:node')));
await felix.close();
`;

// The page sets window.felixUrl and window.felixToken before this runs; the outcome lands in
// window.felixOutcome.
const BROWSER_ENTRY = `
import { connect } from '@felix/client';

window.felixOutcome = (async () => {
  const felix = await connect(window.felixUrl, { token: window.felixToken, connectTimeoutMs: 5000, reconnect: false });
  const subscription = await felix.subscribe('demo', { start: 'latest' });
  await felix.publish('demo', 'from chromium');
  let received;
  for await (const { payload } of subscription) {
    received = new TextDecoder().decode(payload);
    break;
  }
  await felix.close();
  return 'received ' + received;
})().catch((error) => 'failed: ' + error.message);
`;

let project: ScratchProject;
let broker: BrokerProcess;
let certDir: string;
let cert: string;
const tlsUrl = () => `felix+tls://127.0.0.1:${broker.ports.tls}`;

beforeAll(async () => {
  // A certificate of the test's own, so Chromium can be told to trust exactly its key.
  certDir = mkdtempSync(join(tmpdir(), 'felix-packaging-cert-'));
  const pair = await createSelfSigned();
  cert = pair.cert;
  writeFileSync(join(certDir, 'cert.pem'), pair.cert);
  writeFileSync(join(certDir, 'key.pem'), pair.key);
  [project, broker] = await Promise.all([
    createScratchProject(),
    startBrokerProcess({ FELIX_TLS_CERT: join(certDir, 'cert.pem'), FELIX_TLS_KEY: join(certDir, 'key.pem') }),
  ]);
}, 180_000);

afterAll(async () => {
  await broker?.stop();
  project?.remove();
  rmSync(certDir, { recursive: true, force: true });
});

describe('installed from the packed tarballs, outside the repository', () => {
  it('@felix/client publishes, subscribes and uses the cache from a Node script', async () => {
    writeFileSync(join(project.dir, 'node-client.mjs'), NODE_SCRIPT);
    const { stdout } = await project.exec(process.execPath, ['node-client.mjs', tlsUrl(), broker.fingerprint], {
      FELIX_TOKEN: broker.token ?? '',
    });
    expect(stdout).toBe('received from node\ncached kept\n');
  });

  describe('the browser build of @felix/client', () => {
    let bundle: string;
    let browser: Browser | undefined;
    afterAll(() => browser?.close());

    it('bundles for the browser from the installed package without any Node module', async () => {
      writeFileSync(join(project.dir, 'browser-entry.js'), BROWSER_ENTRY);
      const result = await build({
        entryPoints: ['browser-entry.js'],
        absWorkingDir: project.dir,
        bundle: true,
        platform: 'browser',
        format: 'esm',
        target: 'es2022',
        write: false,
        metafile: true,
        // Kept as imports rather than failing the build, so the assertion below can name them.
        external: ['node:*'],
        logLevel: 'silent',
      });
      const [output] = Object.values(result.metafile.outputs);
      expect(output.imports.filter((i) => i.external).map((i) => i.path)).toEqual([]);
      // The browser export condition picked the package's browser build, inside the scratch project.
      expect(Object.keys(result.metafile.inputs)).toContain('node_modules/@felix/client/dist/browser.js');
      bundle = result.outputFiles[0].text;
    });

    it('the bundle publishes and subscribes from Chromium', async () => {
      expect(bundle).toBeDefined();
      // The WebSocket mapping cannot pin a certificate hash; this trusts exactly the test's key.
      browser = await launchChromium([`--ignore-certificate-errors-spki-list=${spkiSha256Base64(cert)}`]);
      const page = await browser.newPage();
      await page.evaluate(
        ([url, token]) => {
          Object.assign(window, { felixUrl: url, felixToken: token });
        },
        [`felix+wt://127.0.0.1:${broker.ports.webtransport}`, broker.token ?? ''],
      );
      await page.addScriptTag({ content: bundle, type: 'module' });
      await page.waitForFunction(() => 'felixOutcome' in window, undefined, { timeout: 15_000 });
      const outcome = await page.evaluate(() => (window as unknown as { felixOutcome: Promise<string> }).felixOutcome);
      expect(outcome).toBe('received from chromium');
    });
  });

  describe('the felix bin of @felix/cli', () => {
    const felix = (args: string[]) =>
      project.exec(join(project.dir, 'node_modules', '.bin', 'felix'), [
        ...args,
        '--url',
        tlsUrl(),
        '--fingerprint',
        broker.fingerprint,
        '--token',
        broker.token ?? '',
      ]);

    it('answers npx felix --help', async () => {
      const { stdout } = await project.exec('npx', ['--no', '--', 'felix', '--help']);
      expect(stdout).toMatch(/^Usage: felix /);
    });

    it('publishes, and puts and gets a cache entry', async () => {
      const pub = await felix(['pub', 'demo', 'from the bin', '--quiet']);
      expect(pub.stderr).toBe('');
      await felix(['cache', 'put', 'primary', 'packaging:bin', 'stored']);
      expect((await felix(['cache', 'get', 'primary', 'packaging:bin'])).stdout).toBe('stored\n');
    });

    it('runs the packed broker (felix broker), which becomes ready and drains on SIGTERM', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'felix-packaging-data-'));
      let proc: ChildProcess | undefined;
      try {
        proc = spawn(join(project.dir, 'node_modules', '.bin', 'felix'), ['broker'], {
          cwd: project.dir,
          env: cleanEnv(ephemeralBrokerEnv(dataDir)),
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        const { httpPort } = await brokerReady(proc);
        expect((await fetch(`http://127.0.0.1:${httpPort}/ready`)).status).toBe(200);
        expect(await stopProcess(proc)).toBe(0);
      } finally {
        await stopProcess(proc);
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
  });
});
