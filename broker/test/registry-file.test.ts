// The file that keeps the admin request's registrations: written whole each time, read back as
// written, and a file that cannot be trusted refusing the start with its path named.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { durableEpoch } from '../src/durable/epoch-file.js';
import { RegistryFile, RegistryWriteError } from '../src/durable/registry-file.js';
import { ConfigError } from '../src/service/config.js';

describe('RegistryFile', () => {
  it('reads back what was added, in order, with each stream its settings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'felix-registry-'));
    const file = new RegistryFile(dir);
    expect(file.load()).toEqual({ streams: [], caches: [] });
    await Promise.all([
      file.addStream({ tenant: 't1', namespace: 'n', name: 'a', settings: { durable: true, fsync: 'on_commit' } }),
      file.addStream({ tenant: 't1', namespace: 'n', name: 'b', settings: {} }),
      file.addCache({ tenant: 't2', namespace: 'n', name: 'c', durable: true }),
    ]);
    const again = new RegistryFile(dir).load();
    expect(again.streams).toEqual([
      { tenant: 't1', namespace: 'n', name: 'a', settings: { durable: true, fsync: 'on_commit' } },
      { tenant: 't1', namespace: 'n', name: 'b', settings: {} },
    ]);
    expect(again.caches).toEqual([{ tenant: 't2', namespace: 'n', name: 'c', durable: true }]);
  });

  it.each([
    ['{"version": 1, "streams": [', /registry\.json: not valid JSON/],
    ['{"version": 2, "streams": [], "caches": []}', /registry\.json \(\/version\) is invalid/],
    [
      '{"version": 1, "streams": [{"tenant": "t1", "namespace": "n", "name": "a", "fsync": "often"}], "caches": []}',
      /registry\.json \(\/streams\/0\/fsync\) is invalid/,
    ],
    ['{"version": 1, "streams": [{"tenant": "t1", "namespace": "n", "name": ".."}], "caches": []}', /stream/],
  ])('refuses %s with a ConfigError naming the file', (text, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'felix-registry-'));
    writeFileSync(join(dir, 'registry.json'), text);
    expect(() => new RegistryFile(dir).load()).toThrow(ConfigError);
    expect(() => new RegistryFile(dir).load()).toThrow(message);
  });

  it('takes back an entry it could not write', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'felix-registry-'));
    // The file's directory is a file: nothing can be written under it.
    writeFileSync(join(dir, 'blocked'), '');
    const file = new RegistryFile(join(dir, 'blocked'));
    await expect(file.addCache({ tenant: 't1', namespace: 'n', name: 'c', durable: false })).rejects.toThrow(
      RegistryWriteError,
    );
  });
});

describe('durable epochs', () => {
  it('are made once, kept, and made anew only when asked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'felix-epoch-'));
    const first = await durableEpoch(dir, false);
    expect(Number.isSafeInteger(first) && first >= 1).toBe(true);
    expect(readFileSync(join(dir, 'epoch'), 'utf8')).toBe(`${first}\n`);
    expect(await durableEpoch(dir, false)).toBe(first);
    const renewed = await durableEpoch(dir, true);
    expect(renewed).not.toBe(first);
    expect(await durableEpoch(dir, false)).toBe(renewed);
    writeFileSync(join(dir, 'epoch'), 'garbled');
    expect(await durableEpoch(dir, false)).not.toBe(renewed);
  });
});
