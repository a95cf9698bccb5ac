// The bundle cache behind the felix bin: built once, reused while its inputs are unchanged,
// rebuilt when any of them changes (found by content, not by timestamps).
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { cachedBundle } from '../bin/run-cached.mjs';

const dir = mkdtempSync(join(tmpdir(), 'felix-run-cached-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const load = async (path: string) => (await import(`${pathToFileURL(path).href}?${statSync(path).mtimeMs}`)).answer;

it('reuses the bundle while its inputs are unchanged and rebuilds it when one changes', async () => {
  const entry = join(dir, 'entry.ts');
  writeFileSync(entry, "import { value } from './dep.js';\nexport const answer: number = value * 2;\n");
  writeFileSync(join(dir, 'dep.ts'), 'export const value = 21;\n');

  const first = await cachedBundle(entry);
  expect(await load(first)).toBe(42);
  const built = readFileSync(first, 'utf8');
  const builtAt = statSync(first).mtimeMs;

  // Unchanged inputs: the very same file, not rewritten.
  expect(await cachedBundle(entry)).toBe(first);
  expect(statSync(first).mtimeMs).toBe(builtAt);

  // A dependency's content changes: a new bundle with the new value.
  writeFileSync(join(dir, 'dep.ts'), 'export const value = 50;\n');
  const second = await cachedBundle(entry);
  expect(readFileSync(second, 'utf8')).not.toBe(built);
  expect(await load(second)).toBe(100);

  // Other build options make another bundle too.
  const shaken = await cachedBundle(entry, { treeShakeWorkspaces: true });
  expect(readFileSync(shaken, 'utf8')).toMatch(/"treeShakeWorkspaces":true/);
});

it('rebuilds a bundle whose manifest line is damaged', async () => {
  const entry = join(dir, 'other.ts');
  writeFileSync(entry, 'export const answer = 7;\n');
  const path = await cachedBundle(entry);
  writeFileSync(path, 'export const answer = 0;\n');
  expect(await load(await cachedBundle(entry))).toBe(7);
});
