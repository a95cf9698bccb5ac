// `felix token` as users run it (keygen, mint, inspect: round trip, tampering, usage errors), and
// how a command finds a local broker's dev token: only for a loopback URL, never over a given one.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectOptions } from '../src/connection.js';
import { localDevToken, tokenFor } from '../src/dev-token.js';
import { localCertificateCandidates } from '../src/fingerprint.js';
import { cleanEnv, type Finished, felix } from './helpers.js';

let dir: string;
/** A data directory laid out as a local broker keeps it, its auth/ written by `felix token keygen`. */
let dataDir: string;
let env: Record<string, string>;

const lines = (r: Finished) => r.stderr.trimEnd().split('\n');
const PUBLISH_ALL = 'stream.publish:stream:t1/default/*';

function segment(token: string, index: number): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[index] as string, 'base64url').toString('utf8'));
}

async function mint(args: string[], options = { env }): Promise<string> {
  const r = await felix(['token', 'mint', ...args], options);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.trim();
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'felix-token-test-'));
  dataDir = join(dir, 'data');
  // No data directory the test did not make: the working directory's or the repository's.
  env = cleanEnv({ FELIX_DATA_DIR: dataDir });
  const r = await felix(['token', 'keygen', '--out', join(dataDir, 'auth'), '--kid', 'test-key'], { env });
  expect(r.code, r.stderr).toBe(0);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('felix token keygen, mint and inspect', () => {
  it('keygen writes a private key only its owner can read and a JWKS with the public half', () => {
    const keyFile = join(dataDir, 'auth', 'signing-key.jwk');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const privateJwk = JSON.parse(readFileSync(keyFile, 'utf8'));
    expect(privateJwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', kid: 'test-key', d: expect.any(String) });
    const jwks = JSON.parse(readFileSync(join(dataDir, 'auth', 'jwks.json'), 'utf8'));
    expect(jwks.keys).toEqual([
      { kty: 'OKP', crv: 'Ed25519', x: privateJwk.x, kid: 'test-key', alg: 'EdDSA', use: 'sig' },
    ]);
  });

  it('keygen does not replace an existing key unless forced', async () => {
    const out = join(dir, 'twice');
    expect((await felix(['token', 'keygen', '--out', out], { env })).code).toBe(0);
    const first = readFileSync(join(out, 'signing-key.jwk'), 'utf8');
    const again = await felix(['token', 'keygen', '--out', out], { env });
    expect(again.code).toBe(2);
    expect(lines(again)).toEqual([
      expect.stringMatching(/^felix: --out: .*signing-key\.jwk already exists; pass --force/),
    ]);
    expect(readFileSync(join(out, 'signing-key.jwk'), 'utf8')).toBe(first);
    expect((await felix(['token', 'keygen', '--out', out, '--force'], { env })).code).toBe(0);
    expect(readFileSync(join(out, 'signing-key.jwk'), 'utf8')).not.toBe(first);
  });

  it('mint signs the claims asked for, and inspect prints them and verifies the token with the JWKS', async () => {
    const token = await mint([
      '--key',
      join(dataDir, 'auth', 'signing-key.jwk'),
      '--tenant',
      't1',
      '--perm',
      PUBLISH_ALL,
      '--perm',
      'cache.read:cache:t1/default/primary',
      '--subject',
      'ada',
      '--ttl',
      '30m',
      '--not-before',
      '60',
    ]);
    const r = await felix(['token', 'inspect', token, '--jwks', join(dataDir, 'auth', 'jwks.json')], { env });
    expect(r.code, r.stderr).toBe(1);
    // Not valid for another minute: verified as a broker would, nbf included.
    expect(lines(r)).toEqual(['felix: invalid: token not yet valid']);
    const shown = JSON.parse(r.stdout);
    expect(shown.header).toEqual({ alg: 'EdDSA', kid: 'test-key', typ: 'JWT' });
    expect(shown.claims).toMatchObject({
      iss: 'felix-auth',
      aud: 'felix-broker',
      tid: 't1',
      sub: 'ada',
      perms: [PUBLISH_ALL, 'cache.read:cache:t1/default/primary'],
    });
    expect(shown.claims.exp - shown.claims.iat).toBe(1800);
    expect(shown.claims.nbf - shown.claims.iat).toBe(60);
    expect(shown.verification).toMatchObject({ valid: false, reason: 'not_yet_valid' });
  });

  it('a local broker key and JWKS are the defaults; inspect reads the token from stdin', async () => {
    const token = await mint(['--tenant', 't1', '--perm', PUBLISH_ALL]);
    const r = await felix(['token', 'inspect'], { env, input: `${token}\n` });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^valid: signed with key "test-key" from .*jwks\.json, for tenant "t1", until /);
    expect(JSON.parse(r.stdout).verification).toEqual({ valid: true, keys: join(dataDir, 'auth', 'jwks.json') });
  });

  it('a token is checked against the tenant asked for', async () => {
    const token = await mint(['--tenant', 't1', '--perm', PUBLISH_ALL]);
    const r = await felix(['token', 'inspect', token, '--tenant', 't2'], { env });
    expect(r.code).toBe(1);
    expect(lines(r)).toEqual(['felix: invalid: tenant mismatch (token for "t1")']);
  });

  it('a tampered token is invalid: exit 1 with the reason, its claims still shown', async () => {
    const token = await mint(['--tenant', 't1', '--perm', PUBLISH_ALL]);
    const [header, , signature] = token.split('.');
    const widened = { ...segment(token, 1), perms: ['tenant.manage:tenant:t1'] };
    const tampered = `${header}.${Buffer.from(JSON.stringify(widened)).toString('base64url')}.${signature}`;
    const r = await felix(['token', 'inspect', tampered], { env });
    expect(r.code).toBe(1);
    expect(lines(r)).toEqual(['felix: invalid: bad signature']);
    expect(JSON.parse(r.stdout).claims.perms).toEqual(['tenant.manage:tenant:t1']);
  });

  it('a token signed with another key is invalid for this JWKS, valid with that key', async () => {
    const other = join(dir, 'other');
    expect((await felix(['token', 'keygen', '--out', other, '--kid', 'other-key'], { env })).code).toBe(0);
    const token = await mint(['--key', join(other, 'signing-key.jwk'), '--tenant', 't1', '--perm', PUBLISH_ALL]);
    const refused = await felix(['token', 'inspect', token], { env });
    expect(refused.code).toBe(1);
    expect(lines(refused)).toEqual(['felix: invalid: unknown signing key (kid "other-key")']);
    const accepted = await felix(['token', 'inspect', token, '--key', join(other, 'signing-key.jwk')], { env });
    expect(accepted.code, accepted.stderr).toBe(0);
  });

  it('without keys, or with --no-verify, inspect only decodes', async () => {
    const token = await mint(['--tenant', 't1', '--perm', PUBLISH_ALL]);
    const keyless = await felix(['token', 'inspect', token], { env: cleanEnv({ FELIX_DATA_DIR: join(dir, 'none') }) });
    expect(keyless.code, keyless.stderr).toBe(0);
    expect(keyless.stderr).toBe('not verified: no keys (pass --jwks or --key)\n');
    expect(JSON.parse(keyless.stdout).claims.tid).toBe('t1');
    const undecided = await felix(['token', 'inspect', `${token}x`, '--no-verify'], { env });
    expect(undecided.code, undecided.stderr).toBe(0);
    expect(undecided.stderr).toBe('');
  });

  it('what is not a JWT is invalid, exit 1', async () => {
    const r = await felix(['token', 'inspect', 'not-a-token'], { env });
    expect(r.code).toBe(1);
    expect(lines(r)).toEqual([expect.stringMatching(/^felix: invalid: malformed token/)]);
  });
});

describe('felix token usage errors', () => {
  it.each([
    [
      [
        'token',
        'mint',
        '--tenant',
        't1',
        '--perm',
        'stream.publish:stream:t1/default/x',
        '--perm',
        'stream.pub:stream:t1/x',
      ],
      /^felix: --perm: permission "stream\.pub:stream:t1\/x" has unknown action "stream\.pub"$/,
    ],
    [
      ['token', 'mint', '--tenant', 't1', '--perm', 'cache.read:stream:t1/default/x'],
      /^felix: --perm: permission "cache\.read:stream:t1\/default\/x" grants cache\.read on a stream/,
    ],
    [['token', 'mint', '--tenant', 't1'], /^felix: required option '-p, --perm <permission>' not specified/],
    [['token', 'mint', '--perm', PUBLISH_ALL], /^felix: required option '-t, --tenant <tenant>' not specified/],
    [
      ['token', 'mint', '--tenant', 't1', '--perm', PUBLISH_ALL, '--ttl', '1w'],
      /^felix: option '--ttl <duration>' argument '1w' is invalid/,
    ],
    [
      ['token', 'mint', '--tenant', 't1', '--perm', PUBLISH_ALL, '--key', '/nonexistent/key.jwk'],
      /^felix: --key: key file \/nonexistent\/key\.jwk: cannot be read \(ENOENT\)/,
    ],
    [
      ['token', 'inspect', 'x.y.z', '--jwks', 'a.json', '--key', 'b.jwk'],
      /^felix: option '--jwks <file>' cannot be used with option '-k, --key <file>'/,
    ],
    [['token', 'keygen'], /^felix: required option '-o, --out <dir>' not specified/],
    [['token', 'frobnicate'], /^felix: unknown command 'frobnicate'/],
    [['token', 'frobnicate', '--help'], /^felix: unknown command 'frobnicate'/],
  ])('felix %j: exit 2, one line', async (args, message) => {
    const r = await felix(args, { env });
    expect(r.code).toBe(2);
    expect(lines(r)).toEqual([expect.stringMatching(message)]);
    expect(r.stdout).toBe('');
  });

  it('without --key and no local broker key, mint says where it looked', async () => {
    const r = await felix(['token', 'mint', '--tenant', 't1', '--perm', PUBLISH_ALL], {
      env: cleanEnv({ FELIX_DATA_DIR: join(dir, 'none') }),
    });
    expect(r.code).toBe(2);
    expect(lines(r)).toEqual([
      `felix: --key: no signing key given, and no local broker key at ${join(dir, 'none', 'auth', 'signing-key.jwk')}`,
    ]);
  });

  it.each([
    [['token'], /^Usage: felix token /],
    [['token', 'mint'], /^Usage: felix token mint /],
    [['token', 'inspect'], /^Usage: felix token inspect /],
    [['token', 'keygen'], /^Usage: felix token keygen /],
  ])('felix %j --help prints its usage and exits 0', async (command, usage) => {
    const r = await felix([...command, '--help'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(usage);
    expect(r.stderr).toBe('');
  });
});

describe('dev token discovery', () => {
  let localDir: string;
  const DEV_TOKEN = 'header.claims.signature';
  const PIN = 'ab'.repeat(32);

  beforeAll(() => {
    localDir = join(dir, 'local');
    mkdirSync(join(localDir, 'auth'), { recursive: true });
    writeFileSync(join(localDir, 'auth', 'dev-token.jwt'), `${DEV_TOKEN}\n`);
  });

  const flags = (url: string, token?: string) => ({
    url,
    fingerprint: PIN,
    tenant: 't1',
    namespace: 'default',
    token,
    timeout: 1000,
  });

  it('reads the dev token from the data directory the certificate is looked for in', () => {
    const localEnv = { FELIX_DATA_DIR: localDir };
    expect(localDevToken(localEnv, dir)).toEqual({ token: DEV_TOKEN, path: join(localDir, 'auth', 'dev-token.jwt') });
    expect(localCertificateCandidates(localEnv, dir)).toEqual([join(localDir, 'self-signed-cert.pem')]);
  });

  it('finds a relative data directory under the working directory', () => {
    expect(localDevToken({ FELIX_DATA_DIR: 'local' }, dir)?.token).toBe(DEV_TOKEN);
    expect(localDevToken({ FELIX_DATA_DIR: 'elsewhere' }, dir)).toBeUndefined();
  });

  it.each(['127.0.0.1', '::1', 'localhost'])('is presented to %s when no token is given', (host) => {
    expect(tokenFor(host, undefined, { FELIX_DATA_DIR: localDir }, dir)).toBe(DEV_TOKEN);
  });

  it.each(['broker.example.com', '10.0.0.7', '::2'])('is never presented to %s', (host) => {
    expect(tokenFor(host, undefined, { FELIX_DATA_DIR: localDir }, dir)).toBeUndefined();
  });

  it('gives way to a token given; an empty one means none', () => {
    expect(tokenFor('127.0.0.1', 'given', { FELIX_DATA_DIR: localDir }, dir)).toBe('given');
    expect(tokenFor('127.0.0.1', '', { FELIX_DATA_DIR: localDir }, dir)).toBeUndefined();
  });

  it('ends up in the connect options for a loopback URL only', () => {
    const localEnv = { FELIX_DATA_DIR: localDir };
    expect(connectOptions(flags('felix+tls://127.0.0.1:5400'), localEnv, dir).token).toBe(DEV_TOKEN);
    expect(connectOptions(flags('felix+quic://[::1]:5402'), localEnv, dir).token).toBe(DEV_TOKEN);
    expect(connectOptions(flags('felix+tls://broker.example.com'), localEnv, dir).token).toBeUndefined();
    expect(connectOptions(flags('felix+tls://localhost', 'mine'), localEnv, dir).token).toBe('mine');
  });
});
