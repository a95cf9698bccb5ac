// The broker on the Deno host (`npm run start:deno`): the same built broker, its QUIC carrier on
// Deno.QuicEndpoint (quinn). Node's TLS client and an upstream-style QUIC client without ALPN
// (a Deno script on Deno.connectQuic) both get through auth, publish, subscribe and delivery.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type BrokerProcess,
  collect,
  DENO_RUN_FLAGS,
  denoBrokerCommand,
  denoExecutable,
  startBrokerProcess,
  subscribe,
  testClient,
} from '@felix/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const QUIC_CLIENT = fileURLToPath(new URL('./deno/quic-client.ts', import.meta.url));
const text = (s: string) => new TextEncoder().encode(s);

let broker: BrokerProcess;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'felix-config-'));
  const path = join(dir, 'felix.json');
  const streams = { 'tls-demo': {}, 'quic-upstream': {} };
  writeFileSync(path, JSON.stringify({ registry: { t1: { default: { streams, caches: ['primary'] } } } }));
  // Info level for the start-up line that names the runtime.
  const env = { FELIX_CARRIERS: 'tls,quic', FELIX_CONFIG: path, FELIX_LOG_LEVEL: 'info' };
  broker = await startBrokerProcess(env, 30_000, denoBrokerCommand());
});
afterAll(async () => {
  const code = await broker?.stop();
  if (code !== 0) console.error(broker?.output());
  expect(code).toBe(0);
});

/** Runs `script` on Deno with `env`; resolves with its stdout once it exits 0. */
function runDeno(script: string, env: Record<string, string>, timeoutMs = 20_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const proc = spawn(denoExecutable(), [...DENO_RUN_FLAGS, script], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    proc.stdout.on('data', (chunk) => (out += chunk));
    proc.stderr.on('data', (chunk) => (err += chunk));
    const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
    proc.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`deno ${script} exited ${code ?? signal}:\n${err}${out}`));
    });
  });
}

describe('broker on the Deno host', () => {
  it('says it runs on Deno', () => {
    expect(broker.output()).toContain('"runtime":"deno"');
  });

  it('serves the Node client over TLS: auth, subscribe, publish, delivery', async () => {
    const sub = await testClient('tls', broker);
    expect(sub.authReply).toMatchObject({ type: 'auth_ok' });
    const { events } = await subscribe(sub, 'tls-demo');
    const pub = await testClient('tls', broker);
    pub.send({
      type: 'binary_publish_batch',
      request_id: 1n,
      ack_mode: 'per_batch',
      tenant_id: 't1',
      namespace: 'default',
      stream: 'tls-demo',
      payloads: ['a', 'b', 'c'].map(text),
    });
    expect(await pub.control.expect('binary_publish_ack')).toMatchObject({ status: 'ok', request_id: 1n });
    expect((await collect(events!, 3)).map((e) => e.text)).toEqual(['a', 'b', 'c']);
    sub.close();
    pub.close();
  });

  it('serves a QUIC client that offers no ALPN, as upstream clients do', async () => {
    const out = await runDeno(QUIC_CLIENT, {
      FELIX_TEST_QUIC_PORT: String(broker.ports.quic),
      FELIX_TEST_CA: readFileSync(join(broker.dataDir, 'self-signed-cert.pem'), 'utf8'),
      FELIX_TEST_TOKEN: broker.token!,
      FELIX_TEST_STREAM: 'quic-upstream',
    });
    expect(JSON.parse(out)).toEqual({
      alpn: null,
      auth: { type: 'ok' },
      published: { type: 'publish_ok', request_id: 1 },
      subscribed: { type: 'subscribed', subscription_id: 1 },
      hello: { type: 'event_stream_hello', subscription_id: 1 },
      delivered: ['first', 'second'],
    });
  });

  it('turns away a QUIC client that offers ALPN felix (rustls wants both sides to agree)', async () => {
    // The Node QUIC carrier always offers `felix`; on this host it needs FELIX_QUIC_ALPN=felix.
    await expect(testClient('quic', broker)).rejects.toThrow(/376|0x178|protocol/i);
  });
});
