// Session conformance against our own broker on both hosts and every carrier: the Node host (what
// `npm start` runs) and the Deno host (`npm run start:deno`), over QUIC with and without ALPN,
// TLS, and WebTransport over HTTP/3 and HTTP/2 (the fallback). Runs on Node go in-process; runs
// that need Deno's clients (QUIC without ALPN through quinn, WebTransport over HTTP/3) run the
// built command under Deno, which also covers `--session` end to end. Every scenario passes, is
// skipped for a stated reason, or is the Node host's known difference (no-ALPN handshakes).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type BrokerProcess,
  brokerCommand,
  DENO_RUN_FLAGS,
  denoBrokerCommand,
  denoExecutable,
  startBrokerProcess,
} from '@felix/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionContext } from '../src/session/main.js';
import { runSessionConformance } from '../src/session/scenarios.js';
import { parseSessionTarget, SessionTargetError } from '../src/session/target.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const context = sessionContext();

const SCENARIO_COUNT = 7;
const NO_ALPN = 'handshake without ALPN';
const FIN = 'subscribe, then FIN: the subscription still delivers';

let nodeHost: BrokerProcess;
let denoHost: BrokerProcess;
/** The Deno host with FELIX_QUIC_ALPN=felix: rustls then refuses a ClientHello without it. */
let denoHostAlpn: BrokerProcess;

beforeAll(async () => {
  [nodeHost, denoHost, denoHostAlpn] = await Promise.all([
    startBrokerProcess({}, 30_000, brokerCommand()),
    startBrokerProcess({}, 30_000, denoBrokerCommand()),
    startBrokerProcess({ FELIX_CARRIERS: 'quic', FELIX_QUIC_ALPN: 'felix' }, 30_000, denoBrokerCommand()),
  ]);
}, 60_000);
afterAll(async () => {
  for (const broker of [nodeHost, denoHost, denoHostAlpn]) {
    const code = await broker?.stop();
    if (code !== 0) console.error(broker?.output());
    expect(code).toBe(0);
  }
});

type Carrier = 'quic' | 'tls' | 'webtransport';

/** The session URL of `broker`'s `carrier`, pinned both ways (hash, and its certificate file for quinn). */
function url(broker: BrokerProcess, carrier: Carrier, extra = ''): string {
  const sha256 = encodeURIComponent(broker.fingerprint);
  const ca = encodeURIComponent(join(broker.dataDir, 'self-signed-cert.pem'));
  return `${carrier}://127.0.0.1:${broker.ports[carrier]}/?sha256=${sha256}&ca=${ca}&token=${broker.token}${extra}`;
}

/** Runs the scenarios from this (Node) process; fails on any failure, returns what was skipped. */
async function runOnNode(target: string): Promise<string[]> {
  const results = await runSessionConformance(parseSessionTarget(target), context);
  expect(results).toHaveLength(SCENARIO_COUNT);
  expect(results.filter((r) => r.outcome.status !== 'pass' && r.outcome.status !== 'skip')).toEqual([]);
  const vectorRun = results.find((r) => r.name.startsWith('every bad input'))!;
  expect(vectorRun.outcome.detail).toMatch(/^[1-9]\d* of \d+ negative vectors/);
  return results.filter((r) => r.outcome.status === 'skip').map((r) => r.name);
}

/** `conformance/dist/cli.js --session <target>` under Deno: its exit code and output. */
function runOnDeno(target: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      denoExecutable(),
      [...DENO_RUN_FLAGS, 'conformance/dist/cli.js', '--session', target],
      { cwd: root, encoding: 'utf8', timeout: 60_000 },
      (_err, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
    );
  });
}

/** The scenario names printed with `status` (PASS, SKIP, KNOWN, FAIL). */
const printed = (stdout: string, status: string) =>
  [...stdout.matchAll(new RegExp(`^${status} +(.+?)(?: — .*)?$`, 'gm'))].map((m) => m[1]);

describe('session conformance on the Node host (npm start)', () => {
  it('passes over QUIC with ALPN felix, the no-ALPN handshake skipped as Node cannot offer it', async () => {
    expect(await runOnNode(url(nodeHost, 'quic'))).toEqual([NO_ALPN]);
  }, 60_000);

  it('passes over TLS, the FIN scenario skipped as a TLS stream is its own connection', async () => {
    expect(await runOnNode(url(nodeHost, 'tls'))).toEqual([NO_ALPN, FIN]);
  }, 60_000);

  it('passes over WebTransport on HTTP/2, the fallback (this host has no HTTP/3)', async () => {
    expect(await runOnNode(url(nodeHost, 'webtransport', '&http=2'))).toEqual([NO_ALPN]);
  }, 60_000);

  it('reports QUIC without ALPN from Deno as the known difference of this host, exit 0', async () => {
    const r = await runOnDeno(url(nodeHost, 'quic', '&alpn=none&broker-host=node'));
    expect(r.stdout).toMatch(/^Session conformance over quic \(no ALPN\) at 127\.0\.0\.1:\d+, run on deno$/m);
    expect(r.stdout).toMatch(
      /^KNOWN {2}handshake without ALPN — refused \(.*\b120\b.*\), a known difference of the node host: /m,
    );
    expect(printed(r.stdout, 'SKIP')).toHaveLength(SCENARIO_COUNT - 1);
    expect(r.stdout).toMatch(/^0 passed, 0 failed, 6 skipped, 1 known difference$/m);
    expect(r.code).toBe(0);
  }, 60_000);

  it('counts the same refusal as a failure when the broker is not said to be the Node host', async () => {
    const r = await runOnDeno(url(nodeHost, 'quic', '&alpn=none&broker-host=deno'));
    expect(printed(r.stdout, 'FAIL')).toContain(NO_ALPN);
    expect(r.code).toBe(1);
  }, 60_000);
});

describe('session conformance on the Deno host (npm run start:deno)', () => {
  it('passes every scenario over QUIC without ALPN, from Deno (quinn), as upstream connects', async () => {
    const r = await runOnDeno(url(denoHost, 'quic', '&broker-host=deno'));
    expect(r.stdout).toMatch(/^Session conformance over quic \(no ALPN\) at 127\.0\.0\.1:\d+, run on deno$/m);
    expect(printed(r.stdout, 'PASS')).toHaveLength(SCENARIO_COUNT);
    expect(r.stdout).toMatch(/^7 passed, 0 failed, 0 skipped, 0 known differences$/m);
    expect(r.code).toBe(0);
  }, 60_000);

  it('passes over QUIC with ALPN felix (FELIX_QUIC_ALPN), from Node (quiche against quinn)', async () => {
    expect(await runOnNode(url(denoHostAlpn, 'quic', '&broker-host=deno'))).toEqual([NO_ALPN]);
  }, 60_000);

  it("passes over WebTransport on HTTP/3, from Deno's WebTransport client", async () => {
    const r = await runOnDeno(url(denoHost, 'webtransport', '&broker-host=deno'));
    expect(r.stdout).toMatch(/^Session conformance over webtransport \(HTTP\/3\) at 127\.0\.0\.1:\d+, run on deno$/m);
    // Deno's client closes a stream without a FIN; the HTTP/2 run below covers that scenario.
    expect(printed(r.stdout, 'SKIP')).toEqual([NO_ALPN, FIN]);
    expect(r.stdout).toMatch(/^5 passed, 0 failed, 2 skipped, 0 known differences$/m);
    expect(r.code).toBe(0);
  }, 60_000);

  it('passes over WebTransport on HTTP/2, the fallback beside HTTP/3', async () => {
    expect(await runOnNode(url(denoHost, 'webtransport', '&http=2'))).toEqual([NO_ALPN]);
  }, 60_000);

  it('passes over TLS', async () => {
    expect(await runOnNode(url(denoHost, 'tls'))).toEqual([NO_ALPN, FIN]);
  }, 60_000);
});

describe('the session URL', () => {
  it('reads the target, and refuses one it cannot use', () => {
    expect(
      parseSessionTarget('quic://[::1]:5402/?sha256=ab&alpn=none&stream=s&ca=/c.pem&broker-host=deno'),
    ).toMatchObject({
      carrier: 'quic',
      host: '::1',
      port: 5402,
      alpn: [],
      stream: 's',
      tenant: 't1',
      caFile: '/c.pem',
      brokerHost: 'deno',
    });
    expect(parseSessionTarget('webtransport://h:1/?sha256=ab&http=3')).toMatchObject({ path: '/felix', http: 3 });
    const byCa = parseSessionTarget('webtransport://h:1/wt?ca=/c.pem');
    expect(byCa).toMatchObject({ path: '/wt', caFile: '/c.pem' });
    expect(byCa).not.toHaveProperty('certSha256');
    expect(parseSessionTarget('quic://h:1/?sha256=ab').alpn).toBeUndefined();
    expect(() => parseSessionTarget('http://x:1/?sha256=ab')).toThrow(SessionTargetError);
    expect(() => parseSessionTarget('quic://x/?sha256=ab')).toThrow(/port/);
    expect(() => parseSessionTarget('quic://x:1/')).toThrow(/sha256=.*or ca=/);
    expect(() => parseSessionTarget('webtransport://x:1/?sha256=ab&http=1')).toThrow(/http must be 2 or 3/);
    expect(() => parseSessionTarget('quic://x:1/?sha256=ab&broker-host=bun')).toThrow(/broker-host/);
  });

  it('is refused on Node when it asks for QUIC without ALPN, naming Deno as the way', async () => {
    const r = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        ['conformance/dist/cli.js', '--session', 'quic://127.0.0.1:1/?sha256=ab&alpn=none'],
        { cwd: root, encoding: 'utf8', timeout: 30_000 },
        (_err, _stdout, stderr) => resolve({ code: child.exitCode, stderr }),
      );
    });
    expect(r.stderr).toMatch(/alpn=none needs the runner on Deno/);
    expect(r.code).toBe(2);
  }, 30_000);
});
