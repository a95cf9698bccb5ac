// Session conformance against our own broker, over QUIC and TLS: every scenario passes or is
// skipped for a stated reason (the Node host's QUIC cannot go without ALPN; a TLS stream is its
// own connection). Also run once through `npm run conformance -- --session`.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { loadSpec } from '@felix/spec';
import { type BrokerProcess, startBrokerProcess } from '@felix/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSessionConformance } from '../src/session/scenarios.js';
import { parseSessionTarget, SessionTargetError } from '../src/session/target.js';
import { loadOurVectors, loadUpstreamVectors } from '../src/vectors.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = createRequire(import.meta.url).resolve('tsx/cli');
let broker: BrokerProcess;

beforeAll(async () => {
  broker = await startBrokerProcess({ FELIX_CARRIERS: 'quic,tls' });
});
afterAll(async () => {
  const code = await broker.stop();
  if (code !== 0) console.error(broker.output());
  expect(code).toBe(0);
});

const url = (carrier: 'quic' | 'tls') =>
  `${carrier}://127.0.0.1:${broker.ports[carrier]}/?sha256=${encodeURIComponent(broker.fingerprint)}&token=${broker.token}`;

describe('session conformance', () => {
  const vectors = [...loadUpstreamVectors(loadSpec()), ...loadOurVectors()];

  it.each(['quic', 'tls'] as const)(
    'passes every scenario over %s, skipping only what cannot apply',
    async (carrier) => {
      const results = await runSessionConformance(parseSessionTarget(url(carrier)), vectors);
      const failed = results.filter((r) => r.outcome.status === 'fail');
      expect(failed).toEqual([]);
      const skipped = results.filter((r) => r.outcome.status === 'skip').map((r) => r.name);
      expect(skipped).toEqual(
        carrier === 'quic'
          ? ['handshake without ALPN']
          : ['handshake without ALPN', 'subscribe, then FIN: the subscription still delivers'],
      );
      const vectorRun = results.find((r) => r.name.startsWith('every bad input'))!;
      expect(vectorRun.outcome.detail).toMatch(/^[1-9]\d* of \d+ negative vectors/);
    },
    120_000,
  );

  it('reads the target from the URL, and refuses one it cannot use', () => {
    expect(parseSessionTarget('quic://[::1]:5402/?sha256=ab&alpn=none&stream=s')).toMatchObject({
      carrier: 'quic',
      host: '::1',
      port: 5402,
      alpn: [],
      stream: 's',
      tenant: 't1',
    });
    expect(() => parseSessionTarget('http://x:1/?sha256=ab')).toThrow(SessionTargetError);
    expect(() => parseSessionTarget('quic://x/?sha256=ab')).toThrow(/port/);
    expect(() => parseSessionTarget('quic://x:1/')).toThrow(/sha256/);
  });

  it('runs as npm run conformance -- --session <url>, exit 0 with a line per scenario', async () => {
    const r = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        [tsx, '--conditions=felix-source', 'conformance/src/cli.ts', '--session', url('quic')],
        { cwd: root, encoding: 'utf8', timeout: 120_000 },
        (_err, stdout) => resolve({ code: child.exitCode, stdout }),
      );
    });
    expect(r.stdout).toMatch(/^Session conformance over quic at 127\.0\.0\.1:\d+$/m);
    expect(r.stdout).toMatch(/^PASS {2}auth on every bidirectional stream$/m);
    expect(r.stdout).toMatch(/^\d+ passed, 0 failed, 1 skipped$/m);
    expect(r.code).toBe(0);
  }, 150_000);
});
