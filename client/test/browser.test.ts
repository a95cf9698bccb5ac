// The browser build of the SDK in headless Chromium, through the broker's demo page (built here
// from the @felix/demo workspace and served from the broker's demoDir): the page connects over
// WebTransport (the library's WebSocket mapping, as Chromium without HTTP/3 has it), publishes,
// subscribes, consumes as a member of a consumer group and uses the cache, and a Node client on
// TLS or the admin API checks each result from the broker's side. Chromium trusts the test's self-signed certificate by its public key.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDemo } from '@felix/demo';
import { spkiSha256Base64 } from '@felix/transport';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/testing/chromium.js';
import { connect, type FelixClient } from '../src/index.js';
import { startBroker, stopBroker, type TestBroker, take, text } from './helpers.js';

const nativeSessions = () =>
  page.evaluate(() => (window as unknown as { nativeSessions: { url: string; pins: string[] }[] }).nativeSessions);
/** Bound of every wait on the page. */
const WAIT_MS = 15_000;

let broker: TestBroker;
let demoDir: string | undefined;
let browser: Browser | undefined;
let page: Page;
let node: FelixClient | undefined;
/** What the page printed to its console, for the failure message. */
const consoleLines: string[] = [];
/** URLs of the WebSockets the page opened. */
const webSockets: string[] = [];

beforeAll(async () => {
  demoDir = mkdtempSync(join(tmpdir(), 'felix-demo-page-'));
  await buildDemo(demoDir);
  broker = await startBroker({ streams: { demo: {} }, caches: ['primary'] }, { FELIX_DEMO_DIR: demoDir });
  // A WebSocket cannot pin a certificate hash; this trusts exactly the test's key.
  browser = await launchChromium(
    [`--ignore-certificate-errors-spki-list=${spkiSha256Base64(broker.cert.cert)}`],
    WAIT_MS,
  );
  page = await browser.newPage();
  page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => consoleLines.push(`pageerror: ${e.message}`));
  page.on('websocket', (ws) => webSockets.push(ws.url()));
  // Records every native WebTransport session the page opens, with the certificate hashes it pins.
  await page.addInitScript(() => {
    type Init = { serverCertificateHashes?: { value: Uint8Array }[] };
    const scope = window as unknown as {
      WebTransport?: new (url: string, init?: Init) => object;
      nativeSessions: { url: string; pins: string[] }[];
    };
    const Native = scope.WebTransport;
    scope.nativeSessions = [];
    if (Native)
      scope.WebTransport = class extends Native {
        constructor(url: string, init?: Init) {
          const hex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, '0')).join(':');
          scope.nativeSessions.push({ url, pins: (init?.serverCertificateHashes ?? []).map((h) => hex(h.value)) });
          super(url, init);
        }
      };
  });
  node = await connect(broker.url('tls'), broker.credentials);
});

afterAll(async () => {
  await node?.close();
  await browser?.close();
  await stopBroker(broker);
  if (demoDir) rmSync(demoDir, { recursive: true, force: true });
});

/** Waits until `selector`'s text matches, failing with what the page said meanwhile. */
async function waitForText(selector: string, expected: RegExp): Promise<string> {
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

describe('the SDK in Chromium (demo page)', () => {
  it('describes the WebTransport listener, the certificate and (to loopback) the dev token in config.json', async () => {
    const config = await (await fetch(`http://127.0.0.1:${broker.httpPort}/demo/config.json`)).json();
    expect(config).toEqual({
      host: '127.0.0.1',
      port: broker.ports.webtransport,
      path: '/felix',
      certSha256: broker.fingerprint,
      pinnable: true,
      spkiSha256: spkiSha256Base64(broker.cert.cert),
      token: broker.token,
    });
    expect(broker.token).toMatch(/^ey[\w-]+\.ey[\w-]+\.[\w-]+$/);
  });

  it('connects over the WebSocket mapping', async () => {
    await page.goto(`http://127.0.0.1:${broker.httpPort}/demo/`, { timeout: WAIT_MS });
    expect(await waitForText('#status', /^connected over webtransport$/)).toBeTruthy();
    expect(webSockets).toEqual([`wss://127.0.0.1:${broker.ports.webtransport}//felix`]);
    // No native session at all: in particular not the library's module-load probe of example.com.
    expect(await nativeSessions()).toEqual([]);
  });

  it('receives what it published, at the offsets the broker gave them', async () => {
    await page.click('#subscribe');
    await waitForText('#subscribed', /^subscribed to demo$/);
    const payloads = [`browser-${Date.now()}-a`, `browser-${Date.now()}-b`];
    for (const payload of payloads) {
      await page.fill('#payload', payload);
      await page.click('#publish');
      await waitForText('#published', /^acknowledged$/);
    }
    await page.locator('#events li').nth(1).waitFor({ timeout: WAIT_MS });
    const events = await page
      .locator('#events li')
      .evaluateAll((items) => items.map((li) => ({ offset: Number(li.dataset.offset), text: li.textContent })));
    expect(events.map((e) => e.text)).toEqual(payloads.map((p, i) => `${events[0].offset + i}: ${p}`));

    // The broker's log holds the page's records at those offsets.
    const sub = await node!.subscribe('demo', { start: { offset: events[0].offset } });
    const stored = await take(sub, 2);
    await sub.close();
    expect(stored.map((d) => ({ offset: d.offset, text: text(d.payload) }))).toEqual(
      payloads.map((p, i) => ({ offset: events[0].offset + i, text: p })),
    );

    // And the page's subscription gets what another client publishes.
    await node!.publish('demo', 'from node');
    await page.locator('#events li').nth(2).waitFor({ timeout: WAIT_MS });
    expect(await page.locator('#events li').nth(2).textContent()).toBe(`${events[0].offset + 2}: from node`);
  });

  it('puts a cache value and gets it back', async () => {
    const value = `value-${Date.now()}`;
    await page.fill('#cache', 'primary');
    await page.fill('#key', 'browser-key');
    await page.fill('#value', value);
    await page.click('#put');
    await waitForText('#cache-result', /^stored$/);
    expect(text(await node!.get('primary', 'browser-key'))).toBe(value);
    await page.click('#get');
    await waitForText('#cache-result', new RegExp(`^value: ${value}$`));
    await page.fill('#key', 'never-put');
    await page.click('#get');
    await waitForText('#cache-result', /^\(no value\)$/);
  });

  it('consumes as a member of a consumer group and acknowledges what it got', async () => {
    await page.fill('#stream', 'demo');
    await page.click('#consume');
    await waitForText('#consuming', /^consuming demo as a member of demo-workers$/);
    const job = `job-${Date.now()}`;
    await node!.publish('demo', job);
    const item = page.locator('#consumed li', { hasText: job });
    await expect.poll(() => item.textContent(), { timeout: WAIT_MS, interval: 50 }).toMatch(/ — acknowledged$/);
    const offset = Number(await item.getAttribute('data-offset'));
    expect(await item.textContent()).toBe(`${offset} (delivery 1): ${job} — acknowledged`);
    // The broker's side: the group has acknowledged everything up to the stream's tail.
    const groups = await fetch(
      `http://127.0.0.1:${broker.httpPort}/admin/tenants/t1/namespaces/default/streams/demo/groups`,
      { headers: { authorization: `Bearer ${broker.token}` } },
    ).then((r) => r.json() as Promise<{ group: string; committed_offset: number; lag: number }[]>);
    expect(groups).toEqual([expect.objectContaining({ group: 'demo-workers', committed_offset: offset + 1, lag: 0 })]);
  });

  it('asks for native WebTransport with the certificate pinned when HTTP/3 is chosen, then falls back', async () => {
    // This broker (the Node host, no quiche addon) has no HTTP/3, so the native session fails and
    // the SDK connects over the WebSocket mapping instead (browser-h3.test.ts has the HTTP/3 side).
    const before = webSockets.length;
    await page.check('#http3');
    await page.click('#connect');
    await waitForText('#status', /^connected over webtransport$/);
    expect(await nativeSessions()).toEqual([
      { url: `https://127.0.0.1:${broker.ports.webtransport}/felix`, pins: [broker.fingerprint] },
    ]);
    expect(webSockets.slice(before)).toEqual([`wss://127.0.0.1:${broker.ports.webtransport}//felix`]);
  });
});
