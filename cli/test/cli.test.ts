// The felix command against the real broker process: what `felix pub` publishes `felix sub`
// prints, the cache round trip and its miss exit code, usage errors (exit 2, one line), run-time
// failures (exit 1, one line with the wire code), `felix bench --json` and `felix broker`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrokerProcess, startBrokerProcess } from '@felix/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, type Finished, felix, startFelix } from './helpers.js';

let broker: BrokerProcess;
let dataDir: string;
/** Points the CLI at the test broker the way a local user's shell would: no fingerprint given. */
let env: Record<string, string>;
let stream = 0;
const freshStream = () => `cli-test-${++stream}`;

const oneLine = (r: Finished) => r.stderr.trimEnd().split('\n');

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'felix-cli-test-'));
  broker = await startBrokerProcess({ FELIX_CARRIERS: 'tls', FELIX_AUTO_CREATE: 'true', FELIX_DATA_DIR: dataDir });
  env = cleanEnv({ FELIX_URL: `felix+tls://127.0.0.1:${broker.ports.tls}`, FELIX_DATA_DIR: dataDir });
  // Builds the command's bundle once, so no test below pays for it inside its own time.
  expect((await felix(['--version'])).code).toBe(0);
});

afterAll(async () => {
  await broker?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('felix pub and sub', () => {
  it('sub --count prints what pub published, found the local broker certificate itself, and exits 0', async () => {
    const name = freshStream();
    const sub = startFelix(['sub', name, '--count', '3', '--wait', '20000'], { env });
    await sub.waitFor(/subscribed to t1\/default\//);
    const pub = await felix(['pub', name, 'alpha', 'beta', 'gamma'], { env });
    expect(pub.code).toBe(0);
    expect(pub.stderr).toMatch(/published 3 messages/);
    const done = await sub.finished;
    expect(done.code).toBe(0);
    expect(done.stdout).toBe('alpha\nbeta\ngamma\n');
  });

  it('pub reads stdin lines, in batches; sub replays from earliest with offsets', async () => {
    const name = freshStream();
    const pub = await felix(['pub', name, '--batch', '2'], { env, input: 'one\ntwo\nthree\nfour\nfive\n' });
    expect(pub.code).toBe(0);
    const sub = await felix(['sub', name, '--from', 'earliest', '--count', '5', '--offsets', '--wait', '20000'], {
      env,
    });
    expect(sub.code).toBe(0);
    expect(sub.stdout).toBe('0\tone\n1\ttwo\n2\tthree\n3\tfour\n4\tfive\n');
  });

  it('pub --no-ack returns once sent, and the records still arrive', async () => {
    const name = freshStream();
    const pub = await felix(['pub', name, '--no-ack', 'fire', 'forget'], { env });
    expect(pub.code).toBe(0);
    expect(pub.stderr).toMatch(/not acknowledged/);
    const sub = await felix(['sub', name, '--from', 'earliest', '--count', '2', '--wait', '20000'], { env });
    expect(sub.stdout).toBe('fire\nforget\n');
  });

  it('round-trips binary payloads with --encoding hex and starts at an offset', async () => {
    const name = freshStream();
    expect((await felix(['pub', name, '--encoding', 'hex', '00ff10', 'cafe'], { env })).code).toBe(0);
    const sub = await felix(['sub', name, '--from', '1', '--count', '1', '--encoding', 'hex', '--wait', '20000'], {
      env,
    });
    expect(sub.stdout).toBe('cafe\n');
  });

  it('sub from an offset past the tail fails with the wire code on one line, exit 1', async () => {
    const name = freshStream();
    await felix(['pub', name, 'x'], { env });
    const sub = await felix(['sub', name, '--from', '50', '--count', '1'], { env });
    expect(sub.code).toBe(1);
    expect(oneLine(sub)).toEqual([expect.stringMatching(/^felix: cursor_out_of_range: .*past the tail/)]);
  });

  it('sub --wait gives up with exit 1 when too few records arrive', async () => {
    const sub = await felix(['sub', freshStream(), '--count', '1', '--wait', '200', '--quiet'], { env });
    expect(sub.code).toBe(1);
    expect(oneLine(sub)).toEqual(['felix: --wait: 0 of 1 records within 200 ms']);
  });
});

describe('felix cache', () => {
  it('put then get returns the value; del then get is a miss with exit 3', async () => {
    expect((await felix(['cache', 'put', 'primary', 'greeting', 'hello world', '--ttl', '60000'], { env })).code).toBe(
      0,
    );
    const got = await felix(['cache', 'get', 'primary', 'greeting'], { env });
    expect(got.code).toBe(0);
    expect(got.stdout).toBe('hello world\n');
    const deleted = await felix(['cache', 'del', 'primary', 'greeting'], { env });
    expect(deleted.code).toBe(0);
    expect(deleted.stderr).toMatch(/deleted greeting/);
    const miss = await felix(['cache', 'get', 'primary', 'greeting'], { env });
    expect(miss.code).toBe(3);
    expect(miss.stdout).toBe('');
    expect(miss.stderr).toMatch(/^miss: greeting/);
  });

  it('put reads the value from stdin when no value argument is given', async () => {
    expect((await felix(['cache', 'put', 'primary', 'piped'], { env, input: 'from stdin' })).code).toBe(0);
    expect((await felix(['cache', 'get', 'primary', 'piped'], { env })).stdout).toBe('from stdin\n');
  });
});

describe('errors', () => {
  it.each([
    [['sub'], /^felix: missing required argument 'stream'/],
    [['sub', 'demo', '--count', 'many'], /^felix: option '-c, --count <n>' argument 'many' is invalid/],
    [['cache', 'put', 'primary', 'k', 'v', '--ttl', '-5'], /^felix: option '--ttl <ms>' argument '-5' is invalid/],
    [['pub', 'demo', 'x', '--url', 'http://example.com'], /^felix: --url: .*scheme must be felix\+tls/],
    [['pub', 'demo', 'x', '--fingerprint', 'abc'], /^felix: --fingerprint: expected 32 bytes of hex/],
    [['bench', '--sizes', '4'], /^felix: option .*--sizes.* is invalid/],
    [['frobnicate'], /^felix: unknown command 'frobnicate'/],
    // --help does not turn an unknown command into the top-level help.
    [['frobnicate', '--help'], /^felix: unknown command 'frobnicate'/],
    [['cache', 'frobnicate', '-h'], /^felix: unknown command 'frobnicate'/],
    [['help', 'frobnicate'], /^felix: unknown command 'frobnicate'/],
    [['pub', 'demo', '--frobnicate'], /^felix: unknown option '--frobnicate'/],
    [['log', 'dump', '.', '--from', '-1'], /^felix: option '--from <offset>' argument '-1' is invalid/],
    [['log', 'verify'], /^felix: missing required argument 'dir'/],
  ])('felix %j is a usage error: exit 2, one line, no stack', async (args, message) => {
    const r = await felix(args, { env });
    expect(r.code).toBe(2);
    expect(oneLine(r)).toEqual([expect.stringMatching(message)]);
  });

  it('a broker with another certificate is a run-time failure: exit 1, one line with the code', async () => {
    const r = await felix(['pub', 'demo', 'x', '--fingerprint', 'ab'.repeat(32)], { env });
    expect(r.code).toBe(1);
    expect(oneLine(r)).toEqual([expect.stringMatching(/^felix: connect_failed: /)]);
  });

  it.each([
    [[], /^Usage: felix \[options\] \[command\]/],
    [['broker'], /^Usage: felix broker /],
    [['pub'], /^Usage: felix pub /],
    [['sub'], /^Usage: felix sub /],
    [['cache'], /^Usage: felix cache /],
    [['cache', 'get'], /^Usage: felix cache get /],
    [['cache', 'put'], /^Usage: felix cache put /],
    [['cache', 'delete'], /^Usage: felix cache del\|delete /],
    [['bench'], /^Usage: felix bench /],
    [['conformance'], /^Usage: felix conformance /],
    [['log'], /^Usage: felix log /],
    [['log', 'inspect'], /^Usage: felix log inspect /],
    [['log', 'verify'], /^Usage: felix log verify /],
    [['log', 'dump'], /^Usage: felix log dump /],
  ])('felix %j --help prints its usage on stdout and exits 0', async (command, usage) => {
    const r = await felix([...command, '--help'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(usage);
    expect(r.stderr).toBe('');
  });

  it('--help exits 0 and documents the environment defaults', async () => {
    const r = await felix(['sub', '--help'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--from <position>/);
    expect(r.stdout).toMatch(/env: FELIX_CERT_SHA256/);
  });
});

describe('felix bench', () => {
  it('--json on a tiny matrix, against a broker it starts itself, returns every cell with sane numbers', async () => {
    const r = await felix(
      [
        'bench',
        '--sizes',
        '16,512',
        '--fanout',
        '1,2',
        '--batch',
        '1,4',
        '--messages',
        '40',
        '--warmup',
        '4',
        '--json',
      ],
      { env: cleanEnv(), timeoutMs: 60_000 },
    );
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.broker.embedded).toBe(true);
    expect(report.cells).toHaveLength(8);
    for (const cell of report.cells) {
      expect(cell.messages).toBe(40);
      expect(cell.deliveries).toBe(40 * cell.fanout);
      expect(cell.gaps).toBe(0);
      expect(cell.latencyUs.p50).toBeGreaterThan(0);
      expect(cell.latencyUs.p50).toBeLessThanOrEqual(cell.latencyUs.p99);
      expect(cell.latencyUs.p99).toBeLessThanOrEqual(cell.latencyUs.max);
      expect(cell.msgsPerSec).toBeGreaterThan(0);
    }
  });

  it('measures an existing broker with --url', async () => {
    const r = await felix(
      [
        'bench',
        '--url',
        env.FELIX_URL,
        '--sizes',
        '64',
        '--fanout',
        '1',
        '--batch',
        '8',
        '--messages',
        '16',
        '--warmup',
        '0',
        '--stream',
        freshStream(),
      ],
      { env, timeoutMs: 60_000 },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(env.FELIX_URL);
    expect(r.stdout).toMatch(/│\s+64 B\s+│\s+1\s+│\s+8\s+│/);
  });
});

describe('felix conformance', () => {
  it('runs the suite with the options passed through', async () => {
    const r = await felix(['conformance', '--decoders', 'ts', '--only-failures'], { timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/× ts, encode\n/);
    expect(r.stdout).toMatch(/^frames ts: \d+ passed, 0 failed$/m);
    expect(r.stdout).toMatch(/\n\d+ passed, 0 failed\n?$/);
  });
});

describe('felix broker', () => {
  it('runs the broker on FELIX_* settings and drains on SIGTERM with exit 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'felix-cli-broker-'));
    try {
      const run = startFelix(['broker'], {
        env: cleanEnv({
          FELIX_CARRIERS: 'tls',
          FELIX_TLS_PORT: '0',
          FELIX_HTTP_BIND: '127.0.0.1:0',
          FELIX_DATA_DIR: dir,
          FELIX_LOG_LEVEL: 'warn',
        }),
      });
      await run.waitFor(/felix broker ready: tls=127\.0\.0\.1:\d+/);
      const port = /tls=127\.0\.0\.1:(\d+)/.exec(run.stdout())![1];
      // Its certificate is where the CLI looks for it.
      const pub = await felix(['pub', 'demo', 'hi'], {
        env: cleanEnv({ FELIX_URL: `felix+tls://127.0.0.1:${port}`, FELIX_DATA_DIR: dir }),
      });
      expect(pub.code, pub.stderr).toBe(0);
      run.proc.kill('SIGTERM');
      expect((await run.finished).code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a bad setting exits 2 with one line naming it', async () => {
    const r = await felix(['broker'], { env: cleanEnv({ FELIX_TLS_PORT: 'lots' }) });
    expect(r.code).toBe(2);
    expect(oneLine(r)).toEqual([expect.stringMatching(/^felix: FELIX_TLS_PORT="lots" is invalid/)]);
  });
});
