import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JwksFileKeySource, type SigningKey, verifyToken, writeJwksFile } from '../../src/auth/index.js';
import { claims, expectRefusal, NOW_MS, newKey, sign } from './fixtures.js';

let k1: SigningKey;
let k2: SigningKey;
let dir: string;
let path: string;
let problems: string[];

beforeAll(async () => {
  k1 = await newKey('k1');
  k2 = await newKey('k2');
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'felix-jwks-'));
  path = join(dir, 'jwks.json');
  problems = [];
});

afterEach(() => rm(dir, { recursive: true, force: true }));

function source(): JwksFileKeySource {
  return new JwksFileKeySource({ path, onProblem: (message) => problems.push(message) });
}

describe('JwksFileKeySource', () => {
  it('serves the keys of the file for every tenant', async () => {
    await writeJwksFile(path, [k1.publicJwk]);
    const keys = source();
    await keys.load();
    expect((await keys.keyFor('t1', 'k1')).type).toBe('public');
    expect(await keys.keyFor('other', 'k1')).toBe(await keys.keyFor('t1', 'k1'));
    await expectRefusal(keys.keyFor('t1', 'k2'), 'unknown_key');
  });

  it('loads lazily on first use', async () => {
    await writeJwksFile(path, [k1.publicJwk]);
    const token = await sign(k1, claims());
    await expect(verifyToken(token, { tenant: 't1', keys: source(), now: NOW_MS })).resolves.toBeDefined();
  });

  it('picks up a key added to the file and drops a removed one', async () => {
    await writeJwksFile(path, [k1.publicJwk]);
    const keys = source();
    await keys.load();
    await writeJwksFile(path, [k2.publicJwk]);
    expect((await keys.keyFor('t1', 'k2')).type).toBe('public');
    await expectRefusal(keys.keyFor('t1', 'k1'), 'unknown_key');
  });

  it('notices a file rewritten in place', async () => {
    await writeJwksFile(path, [k1.publicJwk]);
    const keys = source();
    await keys.load();
    // A different size, so the change shows even if it lands within the file system's timestamp tick.
    await writeFile(path, JSON.stringify({ keys: [k2.publicJwk] }));
    await expectRefusal(keys.keyFor('t1', 'k1'), 'unknown_key');
  });

  it('answers keys_unavailable for a missing or broken file', async () => {
    const keys = source();
    const missing = await expectRefusal(keys.load(), 'keys_unavailable');
    expect(missing.message).toContain('ENOENT');
    await expectRefusal(keys.keyFor('t1', 'k1'), 'keys_unavailable');
    await writeFile(path, 'not json');
    await expectRefusal(keys.keyFor('t1', 'k1'), 'keys_unavailable');
    await writeFile(path, '{"keys": {}}');
    await expectRefusal(keys.keyFor('t1', 'k1'), 'keys_unavailable');
  });

  it('keeps the keys it had when the file turns bad, saying so once', async () => {
    await writeJwksFile(path, [k1.publicJwk]);
    const keys = source();
    await keys.load();
    await writeFile(path, '{"keys": [');
    for (let i = 0; i < 3; i++) expect((await keys.keyFor('t1', 'k1')).type).toBe('public');
    expect(problems).toEqual([expect.stringContaining('not JSON')]);
    await rm(path);
    expect((await keys.keyFor('t1', 'k1')).type).toBe('public');
    expect(problems).toHaveLength(2);
  });

  it('reports keys it skips', async () => {
    await writeFile(path, JSON.stringify({ keys: [{ kty: 'RSA', kid: 'r', n: 'AQAB', e: 'AQAB' }, k1.publicJwk] }));
    await source().load();
    expect(problems).toEqual([expect.stringMatching(/key "r" is RSA\/undefined, not OKP\/Ed25519/)]);
  });
});
