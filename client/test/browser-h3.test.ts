// The SDK's browser build in headless Chromium (QUIC on) through the demo page. Against the
// broker on the Deno host (npm run start:deno), which serves WebTransport over HTTP/3
// (Deno.upgradeWebTransport) beside HTTP/2 and its WebSocket mapping, the page's session is
// native WebTransport over HTTP/3, pinned by the broker's self-signed certificate hash (ECDSA,
// 13 days: what serverCertificateHashes accepts). Against the Node host (npm start), which has
// no HTTP/3, the native session cannot open and the SDK falls back to the WebSocket mapping.
// Either way the page publishes and subscribes, and a Node client on TLS checks what it did from
// the broker's side. (Chromium's --disable-quic would not make the fallback happen: Chromium
// 156 still opens WebTransport over HTTP/3 with it.)
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDemo } from '@felix/demo';
import { type BrokerProcess, brokerCommand, denoBrokerCommand, startBrokerProcess } from '@felix/testkit';
import { spkiSha256Base64 } from '@felix/transport';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/testing/chromium.js';
import { connect, type FelixClient } from '../src/index.js';
import { take, text } from './helpers.js';

/** Bound of every wait on the page. */
const WAIT_MS = 15_000;

/** A native WebTransport session the page opened: where, what it pinned, and how it went. */
interface NativeSession {
  url: string;
  pins: string[];
  state: 'opening' | 'ready' | 'failed';
}

/** A broker serving the demo page, and a Node client of it on TLS. */
interface Host {
  broker: BrokerProcess;
  node: FelixClient;
}

let scratch: string;
let denoHost: Host | undefined;
let nodeHost: Host | undefined;
let browser: Browser | undefined;

/** A broker on `command`'s host with the demo page, using its own self-signed certificate. */
async function startHost(command: typeof brokerCommand, demoDir: string, config: string): Promise<Host> {
  const broker = await startBrokerProcess({ FELIX_CONFIG: config, FELIX_DEMO_DIR: demoDir }, 30_000, command());
  const node = await connect(`felix+tls://127.0.0.1:${broker.ports.tls}`, {
    certSha256: broker.fingerprint,
    token: broker.token,
  });
  return { broker, node };
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'felix-demo-h3-'));
  const demoDir = join(scratch, 'demo');
  const config = join(scratch, 'felix.json');
  writeFileSync(config, JSON.stringify({ registry: { t1: { default: { streams: { demo: {} }, caches: [] } } } }));
  await buildDemo(demoDir);
  [denoHost, nodeHost] = await Promise.all([
    startHost(denoBrokerCommand, demoDir, config),
    startHost(brokerCommand, demoDir, config),
  ]);
  // The WebSocket mapping's TLS is the browser's own: this Chromium trusts the Node host's key
  // only, so on the Deno host nothing but the serverCertificateHashes pin can let a page in.
  const nodeHostCert = readFileSync(join(nodeHost.broker.dataDir, 'self-signed-cert.pem'), 'utf8');
  browser = await launchChromium([`--ignore-certificate-errors-spki-list=${spkiSha256Base64(nodeHostCert)}`], WAIT_MS, {
    quic: true,
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  for (const host of [denoHost, nodeHost]) {
    if (!host) continue;
    await host.node.close();
    const code = await host.broker.stop();
    if (code !== 0) console.error(host.broker.output());
    expect(code).toBe(0);
  }
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** The demo page served by `host`, recording its native WebTransport sessions and WebSockets. */
async function openDemoPage(host: Host) {
  const page = await browser!.newPage();
  const consoleLines: string[] = [];
  const webSockets: string[] = [];
  page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => consoleLines.push(`pageerror: ${e.message}`));
  page.on('websocket', (ws) => webSockets.push(ws.url()));
  await page.addInitScript(() => {
    type Init = { serverCertificateHashes?: { value: Uint8Array }[] };
    type Session = { ready: Promise<void> };
    const scope = window as unknown as {
      WebTransport?: new (url: string, init?: Init) => Session;
      nativeSessions: { url: string; pins: string[]; state: string }[];
    };
    const Native = scope.WebTransport;
    scope.nativeSessions = [];
    if (Native)
      scope.WebTransport = class extends Native {
        constructor(url: string, init?: Init) {
          const hex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, '0')).join(':');
          super(url, init);
          const record = {
            url,
            pins: (init?.serverCertificateHashes ?? []).map((h) => hex(h.value)),
            state: 'opening',
          };
          scope.nativeSessions.push(record);
          this.ready.then(
            () => (record.state = 'ready'),
            () => (record.state = 'failed'),
          );
        }
      };
  });
  await page.goto(`http://127.0.0.1:${host.broker.httpPort}/demo/`, { timeout: WAIT_MS });
  return { page, consoleLines, webSockets, host };
}

type DemoPage = Awaited<ReturnType<typeof openDemoPage>>;

const nativeSessions = (page: Page) =>
  page.evaluate(() => (window as unknown as { nativeSessions: NativeSession[] }).nativeSessions);

/** Waits until `selector`'s text matches, failing with what the page said meanwhile. */
async function waitForText({ page, consoleLines }: DemoPage, selector: string, expected: RegExp): Promise<string> {
  const locator = page.locator(selector);
  try {
    await expect.poll(() => locator.textContent(), { timeout: WAIT_MS, interval: 50 }).toMatch(expected);
  } catch (error) {
    const status = await page.locator('#status').textContent();
    throw new Error(`${selector} never matched ${expected} (status: ${status})\n${consoleLines.join('\n')}`, {
      cause: error,
    });
  }
  return (await locator.textContent()) ?? '';
}

/** How the page's connect at load ended (over the WebSocket mapping): connected or failed. */
async function loadConnect({ page }: DemoPage): Promise<string | null> {
  const state = () => page.locator('#status').getAttribute('data-state');
  await expect.poll(state, { timeout: WAIT_MS, interval: 50 }).toMatch(/^(connected|failed)$/);
  return state();
}

/** Connects the page again, with HTTP/3 chosen. */
async function reconnectWithHttp3(demo: DemoPage): Promise<void> {
  await demo.page.check('#http3');
  await demo.page.click('#connect');
  await waitForText(demo, '#status', /^connected over webtransport$/);
}

/** Subscribes on the page, publishes two records from it and one from Node; all three arrive. */
async function publishAndSubscribe(demo: DemoPage, label: string): Promise<void> {
  const { page, host } = demo;
  await page.click('#subscribe');
  await waitForText(demo, '#subscribed', /^subscribed to demo$/);
  const payloads = [`${label}-${Date.now()}-a`, `${label}-${Date.now()}-b`];
  for (const payload of payloads) {
    await page.fill('#payload', payload);
    await page.click('#publish');
    await waitForText(demo, '#published', /^acknowledged$/);
  }
  await page.locator('#events li').nth(1).waitFor({ timeout: WAIT_MS });
  const events = await page
    .locator('#events li')
    .evaluateAll((items) => items.map((li) => ({ offset: Number(li.dataset.offset), text: li.textContent })));
  const base = events[0].offset;
  expect(events.map((e) => e.text)).toEqual(payloads.map((p, i) => `${base + i}: ${p}`));

  // The broker's log holds the page's records at those offsets.
  const sub = await host.node.subscribe('demo', { start: { offset: base } });
  const stored = await take(sub, 2);
  await sub.close();
  expect(stored.map((d) => ({ offset: d.offset, text: text(d.payload) }))).toEqual(
    payloads.map((p, i) => ({ offset: base + i, text: p })),
  );

  // And the page's subscription gets what another client publishes.
  await host.node.publish('demo', `from node to ${label}`);
  await page.locator('#events li').nth(2).waitFor({ timeout: WAIT_MS });
  expect(await page.locator('#events li').nth(2).textContent()).toBe(`${base + 2}: from node to ${label}`);
}

describe('the SDK in Chromium, native WebTransport first', () => {
  it('publishes and subscribes through the demo page over HTTP/3 on the Deno host', async () => {
    const { broker } = denoHost!;
    const demo = await openDemoPage(denoHost!);
    // At load the page tries the WebSocket mapping, whose certificate this Chromium does not trust.
    expect(await loadConnect(demo)).toBe('failed');
    const atLoad = demo.webSockets.length;
    await reconnectWithHttp3(demo);
    const url = `https://127.0.0.1:${broker.ports.webtransport}/felix`;
    expect(await nativeSessions(demo.page)).toEqual([{ url, pins: [broker.fingerprint], state: 'ready' }]);
    await publishAndSubscribe(demo, 'h3');
    // Every frame went over HTTP/3: no WebSocket since.
    expect(demo.webSockets.length).toBe(atLoad);
  }, 60_000);

  it('falls back to the WebSocket mapping on the Node host, which has no HTTP/3', async () => {
    const { broker } = nodeHost!;
    const demo = await openDemoPage(nodeHost!);
    expect(await loadConnect(demo)).toBe('connected');
    const atLoad = demo.webSockets.length;
    await reconnectWithHttp3(demo);
    const url = `https://127.0.0.1:${broker.ports.webtransport}/felix`;
    expect(await nativeSessions(demo.page)).toEqual([{ url, pins: [broker.fingerprint], state: 'failed' }]);
    expect(demo.webSockets.slice(atLoad)).toEqual([`wss://127.0.0.1:${broker.ports.webtransport}//felix`]);
    await publishAndSubscribe(demo, 'fallback');
  }, 60_000);
});
