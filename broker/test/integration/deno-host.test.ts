// The broker on the Deno host (`npm run start:deno`): the same built broker, its QUIC carrier on
// Deno.QuicEndpoint (quinn). Node's TLS client and an upstream-style QUIC client without ALPN
// (a Deno script on Deno.connectQuic) both get through auth, publish, subscribe and delivery.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLOSE_CODES } from '@felix/generated';
import {
  type BrokerCommand,
  type BrokerProcess,
  brokerCommand,
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
const PUBSUB_CLIENT = fileURLToPath(new URL('./deno/pubsub-client.ts', import.meta.url));
const text = (s: string) => new TextEncoder().encode(s);

let broker: BrokerProcess;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'felix-config-'));
  const path = join(dir, 'felix.json');
  const streams = { 'tls-demo': {}, 'quic-upstream': {}, 'webtransport-h3': {}, 'webtransport-h2': {} };
  writeFileSync(path, JSON.stringify({ registry: { t1: { default: { streams, caches: ['primary'] } } } }));
  // Info level for the start-up line that names the runtime.
  const env = { FELIX_CONFIG: path, FELIX_LOG_LEVEL: 'info' };
  broker = await startBrokerProcess(env, 30_000, denoBrokerCommand());
});
afterAll(async () => {
  const code = await broker?.stop();
  if (code !== 0) console.error(broker?.output());
  expect(code).toBe(0);
});

/** `script` running on Deno: its stdout lines as they come, and its exit. */
function startDeno(script: string, env: Record<string, string>, timeoutMs = 20_000) {
  const proc = spawn(denoExecutable(), [...DENO_RUN_FLAGS, script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const lineWaiters: (() => void)[] = [];
  proc.stdout.on('data', (chunk) => {
    out += chunk;
    for (const wake of lineWaiters.splice(0)) wake();
  });
  proc.stderr.on('data', (chunk) => (err += chunk));
  const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
  const exited = new Promise<string>((resolve, reject) => {
    proc.once('exit', (code, signal) => {
      clearTimeout(timer);
      for (const wake of lineWaiters.splice(0)) wake();
      if (code === 0) resolve(out);
      else reject(new Error(`deno ${script} exited ${code ?? signal}:\n${err}${out}`));
    });
  });
  /** The `n`th line it prints (from 0), parsed as JSON. */
  const line = async (n: number): Promise<unknown> => {
    for (;;) {
      const lines = out.split('\n');
      if (lines.length > n + 1) return JSON.parse(lines[n]!);
      if (proc.exitCode !== null || proc.signalCode !== null) await exited;
      await new Promise<void>((wake) => lineWaiters.push(wake));
    }
  };
  return { line, exited };
}

/** Runs `script` on Deno with `env`; resolves with its stdout once it exits 0. */
function runDeno(script: string, env: Record<string, string>): Promise<string> {
  return startDeno(script, env).exited;
}

/** Resolves once the broker has printed `text` (its logger may write after the ready line). */
function printed(text: string, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!broker.output().includes(text)) return false;
      clearTimeout(timer);
      broker.proc.stdout?.off('data', check);
      resolve();
      return true;
    };
    const timer = setTimeout(() => {
      broker.proc.stdout?.off('data', check);
      reject(new Error(`broker did not print ${text}:\n${broker.output()}`));
    }, timeoutMs);
    // Listeners run in order, and the one that collects output() came first.
    if (!check()) broker.proc.stdout?.on('data', check);
  });
}

describe('broker on the Deno host', () => {
  it('says it runs on Deno, with HTTP/3 for WebTransport', async () => {
    await printed('"runtime":"deno"');
    await printed('"http3":true,"msg":"webtransport listening"');
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

  /** What the Deno pub/sub client sees when every step succeeds. */
  const served = (alpn: string | null) => ({
    alpn,
    auth: { type: 'ok' },
    published: { type: 'publish_ok', request_id: 1 },
    subscribed: { type: 'subscribed', subscription_id: 1 },
    hello: { type: 'event_stream_hello', subscription_id: 1 },
    delivered: ['first', 'second'],
  });

  it('serves a QUIC client that offers no ALPN, as upstream clients do', async () => {
    const out = await runDeno(PUBSUB_CLIENT, {
      FELIX_TEST_CARRIER: 'quic',
      FELIX_TEST_PORT: String(broker.ports.quic),
      FELIX_TEST_CA: readFileSync(join(broker.dataDir, 'self-signed-cert.pem'), 'utf8'),
      FELIX_TEST_TOKEN: broker.token!,
      FELIX_TEST_STREAM: 'quic-upstream',
    });
    expect(JSON.parse(out)).toEqual(served(null));
  });

  it('serves WebTransport over HTTP/3 (Deno.upgradeWebTransport)', async () => {
    const out = await runDeno(PUBSUB_CLIENT, {
      FELIX_TEST_CARRIER: 'webtransport',
      FELIX_TEST_PORT: String(broker.ports.webtransport),
      FELIX_TEST_CERT_SHA256: broker.fingerprint,
      FELIX_TEST_TOKEN: broker.token!,
      FELIX_TEST_STREAM: 'webtransport-h3',
    });
    expect(JSON.parse(out)).toEqual(served('h3'));
  });

  it('serves WebTransport over HTTP/2 to the Node client', async () => {
    const sub = await testClient('webtransport', broker);
    expect(sub.authReply).toMatchObject({ type: 'auth_ok' });
    const { events } = await subscribe(sub, 'webtransport-h2');
    const pub = await testClient('webtransport', broker);
    pub.send({
      type: 'publish',
      tenant_id: 't1',
      namespace: 'default',
      stream: 'webtransport-h2',
      payload: text('x'),
      ack: 'none',
    });
    expect((await collect(events!, 1)).map((e) => e.text)).toEqual(['x']);
    sub.close();
    pub.close();
  });

  it('turns away a QUIC client that offers ALPN felix (rustls wants both sides to agree)', async () => {
    // The Node QUIC carrier always offers `felix`; on this host it needs FELIX_QUIC_ALPN=felix.
    await expect(testClient('quic', broker)).rejects.toThrow(/376|0x178|protocol/i);
  });
});

describe('drain on the Deno host', () => {
  it('tells subscribers where delivery ends, ends their event streams, then closes with draining', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'felix-config-'));
    const path = join(dir, 'felix.json');
    writeFileSync(path, JSON.stringify({ registry: { t1: { default: { streams: { drained: {} }, caches: [] } } } }));
    const draining = await startBrokerProcess(
      { FELIX_CARRIERS: 'quic,webtransport', FELIX_CONFIG: path },
      30_000,
      denoBrokerCommand(),
    );
    const client = startDeno(PUBSUB_CLIENT, {
      FELIX_TEST_CARRIER: 'quic',
      FELIX_TEST_PORT: String(draining.ports.quic),
      FELIX_TEST_CA: readFileSync(join(draining.dataDir, 'self-signed-cert.pem'), 'utf8'),
      FELIX_TEST_TOKEN: draining.token!,
      FELIX_TEST_STREAM: 'drained',
      FELIX_TEST_DRAIN: '1',
    });
    expect(await client.line(0)).toEqual({ delivered: ['first', 'second'] });
    // And a Node client over WebTransport (HTTP/2, the Node library's listener beside Deno's HTTP/3).
    const overH2 = await testClient('webtransport', draining);
    const { events } = await subscribe(overH2, 'drained', 'earliest');
    await collect(events!, 2);
    const exited = draining.stop('SIGTERM');
    expect(await client.line(1)).toEqual({
      end: { type: 'subscription_end', subscription_id: 1, end_offset: 2 },
      eventStream: 'stream ended',
      closed: { code: CLOSE_CODES.draining, reason: 'broker shutting down' },
    });
    expect(await overH2.control.expect('subscription_end')).toMatchObject({ end_offset: 2 });
    await events!.closed();
    expect(await overH2.session.closed).toEqual({ code: CLOSE_CODES.draining, reason: 'broker shutting down' });
    await client.exited;
    expect(await exited).toBe(0);
  });
});

/**
 * WebTransport sessions closed by their clients while the broker writes to them, three times over;
 * then TLS must still be served, nothing may have been left rejected, and the broker drains.
 */
async function closeSessionsUnderLoad(command: BrokerCommand): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'felix-config-'));
  const path = join(dir, 'felix.json');
  writeFileSync(path, JSON.stringify({ registry: { t1: { default: { streams: { busy: {} }, caches: [] } } } }));
  const host = await startBrokerProcess(
    { FELIX_CARRIERS: 'webtransport,tls', FELIX_CONFIG: path, FELIX_LOG_LEVEL: 'debug' },
    30_000,
    command,
  );
  try {
    const payloads = Array.from({ length: 32 }, () => new Uint8Array(256));
    for (let round = 0; round < 3; round++) {
      const subscribers = await Promise.all(Array.from({ length: 10 }, () => testClient('webtransport', host)));
      const inboxes = [];
      for (const sub of subscribers) inboxes.push((await subscribe(sub, 'busy')).events!);
      const pub = await testClient('webtransport', host);
      let publishing = true;
      const publisher = (async () => {
        for (let id = 1n; publishing; id++) {
          pub.send({
            type: 'binary_publish_batch',
            request_id: id,
            ack_mode: 'per_batch',
            tenant_id: 't1',
            namespace: 'default',
            stream: 'busy',
            payloads,
          });
          await pub.control.expect('binary_publish_ack');
        }
      })();
      // Once deliveries flow to every subscriber, the sessions end under them.
      await Promise.all(inboxes.map((events) => events.expect('binary_shared_event_batch')));
      for (const sub of subscribers) sub.close();
      publishing = false;
      await publisher.catch(() => {});
      pub.close();
    }
    const probe = await testClient('tls', host);
    expect(probe.authReply).toMatchObject({ type: 'auth_ok' });
    probe.close();
    expect(host.proc.exitCode).toBeNull();
    expect(host.proc.signalCode).toBeNull();
    expect(host.output()).not.toContain('unhandled rejection');
  } finally {
    const code = await host.stop();
    if (code !== 0) console.error(host.output());
    expect(code).toBe(0);
  }
}

describe('WebTransport sessions closing under load', () => {
  it(
    'leave the Node host serving TLS, with no rejection unhandled',
    () => closeSessionsUnderLoad(brokerCommand()),
    60_000,
  );

  // Deno 2.9.6's node:http2 still dies here now and then (SIGSEGV, "free(): invalid pointer",
  // an nghttp2 assertion on GOAWAY): issue 12, open.
  it.skip('leave the Deno host serving TLS', () => closeSessionsUnderLoad(denoBrokerCommand()), 60_000);
});
