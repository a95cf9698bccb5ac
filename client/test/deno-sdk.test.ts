// The SDK as a Deno program (its built dist, through the package's exports) against the broker
// on the Deno host. Over felix+quic:// it dials Deno.connectQuic (quinn), verifying the broker
// against its certificate given as `ca` and offering no ALPN, which is what the Deno host serves
// by default; over felix+tls:// it runs on Deno's Node compatibility. Either way it subscribes,
// publishes, uses the cache and consumes and acks a consumer group's record. A pin alone cannot
// be checked by Deno's QUIC, and is refused as a typed, fatal error before any dial.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type BrokerProcess,
  DENO_RUN_FLAGS,
  denoBrokerCommand,
  denoExecutable,
  startBrokerProcess,
} from '@felix/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CLIENT_DIR = fileURLToPath(new URL('..', import.meta.url));
const SDK_CLIENT = fileURLToPath(new URL('./deno/sdk-client.ts', import.meta.url));
/** Bound of one Deno run: start-up, a connection and a handful of round trips. */
const RUN_MS = 15_000;

const deno = (() => {
  try {
    const path = denoExecutable();
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
})();

let broker: BrokerProcess;
let scratch: string;
let ca: string;

/** Runs the SDK script on Deno with `env`; resolves with the JSON line it printed. */
function runSdk(env: Record<string, string>): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const proc = spawn(deno!, [...DENO_RUN_FLAGS, SDK_CLIENT], {
      // From the client package, so @felix/client resolves as any dependent would import it.
      cwd: CLIENT_DIR,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    proc.stdout.on('data', (chunk) => (out += chunk));
    proc.stderr.on('data', (chunk) => (err += chunk));
    const timer = setTimeout(() => proc.kill('SIGKILL'), RUN_MS);
    proc.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`deno exited ${code ?? signal}:\n${err}${out}`));
      else resolve(JSON.parse(out.trim().split('\n').at(-1)!));
    });
  });
}

const skipped = deno === undefined ? ' (skipped: the deno binary pinned in package.json is not installed)' : '';

describe.skipIf(deno === undefined)(`the SDK on Deno${skipped}`, () => {
  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'felix-sdk-deno-'));
    const config = join(scratch, 'felix.json');
    const streams = { 'quic-events': {}, 'quic-jobs': {}, 'tls-events': {}, 'tls-jobs': {}, 'pin-events': {} };
    writeFileSync(config, JSON.stringify({ registry: { t1: { default: { streams, caches: ['primary'] } } } }));
    // No FELIX_QUIC_ALPN: the Deno host's default must be what the Deno client offers.
    broker = await startBrokerProcess(
      { FELIX_CONFIG: config, FELIX_CARRIERS: 'tls,quic' },
      20_000,
      denoBrokerCommand(),
    );
    ca = readFileSync(join(broker.dataDir, 'self-signed-cert.pem'), 'utf8');
  }, 30_000);

  afterAll(async () => {
    const code = await broker?.stop();
    if (code !== 0) console.error(broker?.output());
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    expect(code).toBe(0);
  });

  const served = (carrier: string) => ({
    carrier,
    delivered: ['first', 'second'],
    cached: 'from deno',
    consumed: 'job',
  });

  it(
    'connects over QUIC through quinn, verified against the broker certificate as ca',
    async () => {
      const out = await runSdk({
        FELIX_TEST_URL: `felix+quic://127.0.0.1:${broker.ports.quic}`,
        FELIX_TEST_CA: ca,
        FELIX_TEST_TOKEN: broker.token!,
        FELIX_TEST_STREAM: 'quic-events',
        FELIX_TEST_QUEUE: 'quic-jobs',
      });
      expect(out).toEqual(served('quic'));
    },
    RUN_MS + 5_000,
  );

  it(
    "connects over TLS through Deno's Node compatibility, pinned by the certificate hash",
    async () => {
      const out = await runSdk({
        FELIX_TEST_URL: `felix+tls://127.0.0.1:${broker.ports.tls}`,
        FELIX_TEST_CERT_SHA256: broker.fingerprint,
        FELIX_TEST_TOKEN: broker.token!,
        FELIX_TEST_STREAM: 'tls-events',
        FELIX_TEST_QUEUE: 'tls-jobs',
      });
      expect(out).toEqual(served('tls'));
    },
    RUN_MS + 5_000,
  );

  it(
    'refuses a QUIC connect with only certSha256 as not_supported, without retrying',
    async () => {
      const out = await runSdk({
        FELIX_TEST_URL: `felix+quic://127.0.0.1:${broker.ports.quic}`,
        FELIX_TEST_CERT_SHA256: broker.fingerprint,
        FELIX_TEST_TOKEN: broker.token!,
        FELIX_TEST_STREAM: 'pin-events',
        FELIX_TEST_QUEUE: 'pin-events',
      });
      expect(out).toEqual({
        refused: {
          code: 'not_supported',
          retry: 'fatal',
          message: expect.stringContaining('pass the broker certificate'),
        },
      });
    },
    RUN_MS + 5_000,
  );

  it(
    'refuses a QUIC connect with certSha256 beside ca as not_supported: the pin would go unchecked',
    async () => {
      const out = await runSdk({
        FELIX_TEST_URL: `felix+quic://127.0.0.1:${broker.ports.quic}`,
        FELIX_TEST_CA: ca,
        FELIX_TEST_CERT_SHA256: broker.fingerprint,
        FELIX_TEST_TOKEN: broker.token!,
        FELIX_TEST_STREAM: 'pin-ca-events',
        FELIX_TEST_QUEUE: 'pin-ca-events',
      });
      expect(out).toEqual({
        refused: {
          code: 'not_supported',
          retry: 'fatal',
          message: expect.stringContaining('pass the broker certificate'),
        },
      });
    },
    RUN_MS + 5_000,
  );
});
