// The demo build: the page and one browser bundle of its script, with the library's WebSocket
// ponyfill in and nothing of Node's, ready for the broker to serve as static files.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemo } from '../src/index.js';

describe('buildDemo', () => {
  let outDir: string;
  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'felix-demo-build-'));
    await buildDemo(outDir);
  });
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('writes the page and its script, nothing else', () => {
    expect(readdirSync(outDir).sort()).toEqual(['.inputs.json', 'app.js', 'index.html']);
    expect(readFileSync(join(outDir, 'index.html'), 'utf8')).toContain('<script type="module" src="app.js">');
  });

  it('bundles the script for browsers, fetching where to connect from the broker', () => {
    const script = readFileSync(join(outDir, 'app.js'), 'utf8');
    expect(script.startsWith('// Felix demo page script, bundled from demo/src/page/app.ts')).toBe(true);
    expect(script).toContain('config.json');
    expect(script).toContain('webtransport_');
    expect(script).not.toMatch(/from\s*["']node:/);
  });
});
