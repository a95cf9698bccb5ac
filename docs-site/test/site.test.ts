// The docs site end to end: build it once (reference pages, typedoc, VitePress) under a
// non-root base path into a scratch directory, check every internal link of the result, then
// open it in headless Chromium, served on 127.0.0.1, and look at a message page's byte diagram.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/testing/chromium.js';
import { checkSite } from '../src/links.js';
import { type ServedSite, serveSite } from '../src/serve.js';

const DOCS_DIR = fileURLToPath(new URL('../', import.meta.url));
const BASE = '/felix-docs/';
/** The whole build, bounded: about 30 s on a loaded 2-core machine. */
const BUILD_TIMEOUT_MS = 240_000;

let dist: string;
let buildMs = 0;

function build(): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      'npm',
      ['run', 'build'],
      {
        cwd: DOCS_DIR,
        env: { ...process.env, FELIX_DOCS_BASE: BASE, FELIX_DOCS_OUT: dist },
        timeout: BUILD_TIMEOUT_MS,
        maxBuffer: 64 << 20,
      },
      (err, stdout, stderr) =>
        err ? reject(new Error(`docs build failed: ${err.message}\n${stdout}\n${stderr}`)) : resolve(),
    );
  });
}

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'felix-docs-site-'));
  const started = performance.now();
  await build();
  buildMs = performance.now() - started;
  console.log(`docs build (reference + typedoc + vitepress + link check): ${(buildMs / 1000).toFixed(1)} s`);
}, BUILD_TIMEOUT_MS + 10_000);

afterAll(() => {
  if (dist) rmSync(dist, { recursive: true, force: true });
});

describe('the built site', () => {
  it('has the protocol, guide, operations and API pages', () => {
    for (const page of [
      'index.html',
      'protocol/index.html',
      'protocol/messages/publish.html',
      'protocol/layouts/binary_publish_batch.html',
      'protocol/compatibility.html',
      'guide/client.html',
      'guide/queues.html',
      'guide/implementers.html',
      'guide/felix-log.html',
      'operations.html',
      'reference/configuration.html',
      'reference/metrics.html',
      'api/index.html',
      'api/classes/FelixClient.html',
    ]) {
      expect(existsSync(join(dist, page)), page).toBe(true);
    }
    const config = readFileSync(join(dist, 'reference/configuration.html'), 'utf8');
    expect(config).toContain('FELIX_DRAIN_TIMEOUT_MS');
    expect(readFileSync(join(dist, 'reference/metrics.html'), 'utf8')).toContain('felix_publishes_total');
  });

  it('has no broken internal link or anchor', () => {
    const report = checkSite(dist, BASE);
    expect(report.broken).toEqual([]);
    expect(report.pages).toBeGreaterThan(50);
    expect(report.links).toBeGreaterThan(2000);
  });
});

describe('the site in Chromium', () => {
  let browser: Browser | undefined;
  let site: ServedSite | undefined;

  beforeAll(async () => {
    site = await serveSite(dist, BASE);
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('shows a message page with its byte diagram, and reaches a layout diagram through the sidebar', async () => {
    const page = await browser!.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    page.on('console', (m) => {
      // A failed request is reported by its response below (with its URL); Chromium's own
      // favicon probe at the server root, outside the base path, has none.
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
    });
    page.on('response', (r) => {
      if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
    });
    const response = await page.goto(`${site!.url}protocol/messages/publish.html`, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    await expect(page.title()).resolves.toContain('publish');

    const diagram = page.locator('figure.byte-diagram#byte-diagram');
    await diagram.waitFor({ state: 'visible', timeout: 15_000 });
    await expect(diagram.locator('td.bd-header').first().textContent()).resolves.toBe('magic = 0x464C5831');
    await expect(diagram.locator('tbody tr').count()).resolves.toBe(4);
    await expect(diagram.locator('td.bd-variable').textContent()).resolves.toBe('json_payload …');
    await expect(page.locator('pre', { hasText: 'Publish Frame {' }).count()).resolves.toBe(1);

    // Client-side navigation under the base path: the sidebar link to a layout page.
    await page.locator('.VPSidebar').getByRole('button', { name: 'Binary layouts' }).click();
    await page.locator('.VPSidebar a', { hasText: 'binary_publish_batch' }).click();
    await page.waitForURL(`${site!.url}protocol/layouts/binary_publish_batch.html`, { timeout: 15_000 });
    const acked = page.locator('figure.byte-diagram#byte-diagram-0x0009');
    await acked.waitFor({ state: 'visible', timeout: 15_000 });
    await expect(acked.locator('td', { hasText: 'ack_mode' }).count()).resolves.toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });
});
