// Test tools: the real broker with a registry of our streams, a TCP proxy that can cut or stall
// a client's connections (TLS and WebTransport over HTTP/2 both run over TCP), and waits that
// poll a condition up to a deadline instead of sleeping for a fixed time.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrokerProcess, startBrokerProcess } from '@felix/testkit';
import { certificateFingerprint, createSelfSigned } from '@felix/transport';
import type { Delivery, Subscription } from '../src/index.js';

export type Carrier = 'tls' | 'webtransport';
export const CARRIERS: Carrier[] = ['tls', 'webtransport'];
export const scheme = (carrier: Carrier) => (carrier === 'tls' ? 'felix+tls' : 'felix+wt');

export const text = (bytes: Uint8Array | null) => (bytes === null ? null : new TextDecoder().decode(bytes));

export interface RegistrySpec {
  streams?: Record<string, { maxRecords?: number; durable?: boolean; fsync?: 'none' | 'periodic' | 'on_commit' }>;
  caches?: string[];
}

export interface TestBroker extends BrokerProcess {
  url(carrier: Carrier, port?: number): string;
  /** The connect options that trust this broker and authenticate with its dev token. */
  credentials: { certSha256: string; token: string | undefined };
  cert: { cert: string; key: string; dir: string };
  env: Record<string, string>;
}

/**
 * A broker with our registry and a certificate made here, its data directory beside the
 * certificate: a broker restarted with the same `cert` keeps the pin and the dev key, so
 * clients' tokens stay good.
 */
export async function startBroker(
  registry: RegistrySpec,
  env: Record<string, string> = {},
  cert?: TestBroker['cert'],
): Promise<TestBroker> {
  const dir = cert?.dir ?? mkdtempSync(join(tmpdir(), 'felix-client-test-'));
  const pair = cert ?? { ...(await createSelfSigned()), dir };
  writeFileSync(join(dir, 'cert.pem'), pair.cert);
  writeFileSync(join(dir, 'key.pem'), pair.key);
  const configPath = join(dir, 'felix.json');
  writeFileSync(
    configPath,
    JSON.stringify({
      registry: { t1: { default: { streams: registry.streams ?? {}, caches: registry.caches ?? [] } } },
    }),
  );
  const fullEnv = {
    FELIX_CARRIERS: 'tls,webtransport',
    FELIX_CONFIG: configPath,
    FELIX_TLS_CERT: join(dir, 'cert.pem'),
    FELIX_TLS_KEY: join(dir, 'key.pem'),
    FELIX_DATA_DIR: join(dir, 'data'),
    ...env,
  };
  const broker = await startBrokerProcess(fullEnv);
  if (broker.fingerprint.toLowerCase() !== certificateFingerprint(pair.cert))
    throw new Error('broker uses another cert');
  return Object.assign(broker, {
    url: (carrier: Carrier, port = broker.ports[carrier]) => `${scheme(carrier)}://127.0.0.1:${port}`,
    credentials: { certSha256: broker.fingerprint, token: broker.token },
    cert: pair,
    env: fullEnv,
  });
}

export async function stopBroker(broker: TestBroker | undefined): Promise<void> {
  if (!broker) return;
  const code = await broker.stop();
  if (code !== 0) throw new Error(`broker exited with ${code}:\n${broker.output()}`);
}

/** The broker's gauge of live subscriptions, from /metrics. */
export async function brokerSubscriptions(broker: BrokerProcess): Promise<number> {
  const body = await (await fetch(`http://127.0.0.1:${broker.httpPort}/metrics`)).text();
  const line = body.split('\n').find((l) => l.startsWith('felix_subscriptions '));
  return Number(line?.split(' ')[1] ?? Number.NaN);
}

/** Polls `check` until it returns true, for at most `timeoutMs`. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition') {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} not reached within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Reads `count` records from a subscription (keeping the loop open), failing after `timeoutMs`. */
export async function take(sub: Subscription, count: number, timeoutMs = 10_000): Promise<Delivery[]> {
  const out: Delivery[] = [];
  const deadline = Date.now() + timeoutMs;
  while (out.length < count) {
    const left = deadline - Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const r = await Promise.race([
      sub.next(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`only ${out.length} of ${count} records within ${timeoutMs} ms`)),
          Math.max(0, left),
        );
      }),
    ]).finally(() => clearTimeout(timer));
    if (r.done) throw new Error(`subscription ended after ${out.length} of ${count} records`);
    out.push({ ...r.value, payload: new Uint8Array(r.value.payload) });
  }
  return out;
}

/**
 * A TCP proxy in front of one broker port. cut() ends every connection through it (the client
 * sees its session die, the broker a disconnect); refuse() makes it turn new ones away; stall()
 * stops forwarding what the broker sends, so requests leave but no answer comes back.
 */
export class TcpProxy {
  private server!: Server;
  private readonly pairs = new Set<[Socket, Socket]>();
  private refusing = false;
  private stalled = false;
  port = 0;
  connections = 0;

  constructor(private readonly target: number) {}

  async start(): Promise<this> {
    this.server = createServer((client) => {
      if (this.refusing) {
        client.destroy();
        return;
      }
      this.connections++;
      const upstream = createConnection({ host: '127.0.0.1', port: this.target });
      const pair: [Socket, Socket] = [client, upstream];
      this.pairs.add(pair);
      const end = () => {
        client.destroy();
        upstream.destroy();
        this.pairs.delete(pair);
      };
      client.on('error', end).on('close', end);
      upstream.on('error', end).on('close', end);
      client.on('data', (d) => upstream.write(d));
      upstream.on('data', (d) => {
        if (!this.stalled) client.write(d);
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  cut(): void {
    for (const [a, b] of this.pairs) {
      a.destroy();
      b.destroy();
    }
    this.pairs.clear();
  }

  refuse(on: boolean): void {
    this.refusing = on;
  }

  stall(on: boolean): void {
    this.stalled = on;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
