// Limits that keep one tenant or peer from hurting the others, against the real broker process:
// deadlines on handshakes, auth and new streams; caps on connections in total, per address and
// sessions per tenant; and the per-tenant publish byte rate.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLOSE_CODES, encodeFrame } from '@felix/generated';
import {
  type BrokerProcess,
  type CarrierName,
  collect,
  metricValue,
  mintTestToken,
  scrapeMetrics,
  startBrokerProcess,
  subscribe,
  type TestClient,
  testClient,
  waitForMetric,
} from '@felix/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** A token for tenant t2, minted with the broker's dev key (its embedded default). */
let t2Token: string;

const CARRIERS: CarrierName[] = ['tls', 'webtransport', 'quic'];
const DEADLINE_MS = 300;
/** Far below Node's own 120 s handshake timeout, far above the deadline on a busy machine. */
const WELL_WITHIN_MS = 5000;
const text = (s: string) => new TextEncoder().encode(s);
const bytes = (n: number, fill = 0x61) => new Uint8Array(n).fill(fill);

/** Resolves with how long `closed` took to settle, failing past `boundMs`. */
async function settlesWithin(closed: Promise<unknown>, boundMs: number): Promise<number> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    closed,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`still open after ${boundMs} ms`)), boundMs);
    }),
  ]).finally(() => clearTimeout(timer));
  return Date.now() - started;
}

/** A raw TCP connection to `port` that never says a word: when it connects, and when it is closed. */
function silentTcp(port: number): { connected: Promise<void>; closed: Promise<void> } {
  const socket = netConnect(port, '127.0.0.1');
  socket.on('error', () => {});
  const connected = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return { connected, closed };
}

/** Reads a stream to its end; resolves however it ends (finished, reset or cancelled). */
async function readToEnd(source: AsyncIterable<Uint8Array>): Promise<void> {
  try {
    for await (const _ of source);
  } catch {
    // A reset is an end too.
  }
}

describe('deadlines', () => {
  let broker: BrokerProcess;
  beforeAll(async () => {
    broker = await startBrokerProcess({
      FELIX_CARRIERS: CARRIERS.join(','),
      FELIX_HANDSHAKE_TIMEOUT_MS: String(DEADLINE_MS),
      FELIX_AUTH_TIMEOUT_MS: String(DEADLINE_MS),
    });
  });
  afterAll(() => broker.stop());

  it.each(['tls', 'webtransport'] as const)(
    'drops a TCP connection to the %s port that never starts TLS, well before Node’s 120 s',
    async (carrier) => {
      const { connected, closed } = silentTcp(broker.ports[carrier]);
      await connected;
      const took = await settlesWithin(closed, WELL_WITHIN_MS);
      expect(took).toBeGreaterThanOrEqual(DEADLINE_MS - 50);
      await waitForMetric(
        broker.httpPort,
        'felix_deadline_timeouts_total',
        { carrier, deadline: 'handshake' },
        (v) => v >= 1,
      );
    },
  );

  it('answers a TLS session that never sends auth with the error, then closes it', async () => {
    const c = await testClient('tls', broker, false);
    const error = await c.control.expect('error', WELL_WITHIN_MS);
    expect(error.message).toBe(`no auth within ${DEADLINE_MS} ms`);
    await c.control.closed(WELL_WITHIN_MS);
    await waitForMetric(
      broker.httpPort,
      'felix_deadline_timeouts_total',
      { carrier: 'tls', deadline: 'first_frame' },
      (v) => v >= 1,
    );
  });

  it.each(['webtransport', 'quic'] as const)(
    'closes a %s connection that opens no control stream with unauthenticated',
    async (carrier) => {
      const c = await testClient(carrier, broker, false);
      const info = await c.session.closed;
      expect(info.code).toBe(CLOSE_CODES.unauthenticated);
      expect(info.reason).toMatch(/no auth/);
    },
  );

  it.each(CARRIERS)('answers a %s session that starts its auth but never finishes it', async (carrier) => {
    const c = await testClient(carrier, broker, false);
    const auth = encodeFrame({ type: 'auth', tenant_id: 't1', token: 'test-token' });
    c.sendRaw(auth.subarray(0, auth.length - 1));
    const error = await c.control.expect('error', WELL_WITHIN_MS);
    expect(error.message).toBe(`no auth within ${DEADLINE_MS} ms`);
    await c.control.closed(WELL_WITHIN_MS);
    if (carrier !== 'tls') expect((await c.session.closed).code).toBe(CLOSE_CODES.unauthenticated);
  });

  it.each(CARRIERS)(
    'resets a %s cache stream that sends no whole first frame, and the session goes on',
    async (carrier) => {
      const c = await testClient(carrier, broker);
      expect(c.authReply?.type).toBe('auth_ok');
      const before =
        metricValue(await scrapeMetrics(broker.httpPort), 'felix_deadline_timeouts_total', {
          carrier,
          deadline: 'stream_first_frame',
        }) ?? 0;
      const cache = await c.session.openCacheStream();
      // Part of a header: the stream exists for the broker, but no frame ever completes.
      cache.writable.write(text('FLX'));
      await settlesWithin(readToEnd(cache.readable), WELL_WITHIN_MS);
      await waitForMetric(
        broker.httpPort,
        'felix_deadline_timeouts_total',
        { carrier, deadline: 'stream_first_frame' },
        (v) => v === before + 1,
      );
      c.send({
        type: 'publish',
        tenant_id: 't1',
        namespace: 'default',
        stream: 'demo',
        payload: text('x'),
        request_id: 1,
      });
      expect(await c.control.expect('publish_ok')).toEqual({ type: 'publish_ok', request_id: 1 });
      c.close();
    },
  );
});

/** Waits until the broker counts `n` open connections on every carrier together. */
async function openConnections(broker: BrokerProcess, n: number): Promise<void> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const metrics = await scrapeMetrics(broker.httpPort);
    const total = CARRIERS.reduce(
      (sum, carrier) => sum + (metricValue(metrics, 'felix_carrier_connections', { carrier }) ?? 0),
      0,
    );
    if (total === n) return;
    if (Date.now() > deadline) throw new Error(`${total} connections open, not ${n}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Every count the limits keep is back to zero once every client has gone. */
async function countersAtZero(broker: BrokerProcess): Promise<void> {
  // Per carrier, so that one counted twice and another never cannot cancel out.
  for (const carrier of CARRIERS)
    await waitForMetric(broker.httpPort, 'felix_carrier_connections', { carrier }, (v) => v === 0);
  await waitForMetric(broker.httpPort, 'felix_connection_sources', {}, (v) => v === 0);
  await waitForMetric(broker.httpPort, 'felix_tenant_sessions', {}, (v) => v === 0);
}

describe.each([
  ['maxConnections', { FELIX_MAX_CONNECTIONS: '2' }, /maxConnections, FELIX_MAX_CONNECTIONS\)/],
  [
    'maxConnectionsPerAddress',
    { FELIX_MAX_CONNECTIONS_PER_ADDRESS: '2' },
    /from 127\.0\.0\.1, the limit per address \(maxConnectionsPerAddress/,
  ],
] as const)('the %s cap', (limit, env, named) => {
  let broker: BrokerProcess;
  beforeAll(async () => {
    broker = await startBrokerProcess({ FELIX_CARRIERS: CARRIERS.join(','), ...env });
  });
  afterAll(() => broker.stop());

  it('refuses the connection past it on any carrier with limit_exceeded, and takes one again after a close', async () => {
    // One carrier's connections count against the others': the cap is the broker's.
    const first = await testClient('tls', broker);
    const second = await testClient('quic', broker);
    expect([first.authReply?.type, second.authReply?.type]).toEqual(['auth_ok', 'auth_ok']);
    await openConnections(broker, 2);

    for (const carrier of CARRIERS) {
      const refused = await testClient(carrier, broker);
      expect(refused.authReply).toMatchObject({ type: 'error', code: 'limit_exceeded', retry: 'fatal' });
      expect((refused.authReply as { message: string }).message).toMatch(named);
      await refused.control.closed();
      if (carrier !== 'tls') expect((await refused.session.closed).code).toBe(CLOSE_CODES.limitExceeded);
    }
    expect(
      metricValue(await scrapeMetrics(broker.httpPort), 'felix_limit_refusals_total', { limit }),
    ).toBeGreaterThanOrEqual(CARRIERS.length);

    first.close();
    await openConnections(broker, 1);
    const again = await testClient('webtransport', broker);
    expect(again.authReply?.type).toBe('auth_ok');

    again.close();
    second.close();
    await countersAtZero(broker);
  });
});

/** A config file registering stream `demo` for tenants t1 and t2; returns its path. */
function twoTenantConfig(dir: string): string {
  const path = join(dir, 'broker.json');
  const namespace = { default: { streams: { demo: {} }, caches: [] } };
  writeFileSync(path, JSON.stringify({ registry: { t1: namespace, t2: namespace } }));
  return path;
}

describe('the maxSessionsPerTenant cap', () => {
  let broker: BrokerProcess;
  let configDir: string;
  beforeAll(async () => {
    configDir = mkdtempSync(join(tmpdir(), 'felix-limits-'));
    const config = twoTenantConfig(configDir);
    broker = await startBrokerProcess({
      FELIX_CARRIERS: CARRIERS.join(','),
      FELIX_CONFIG: config,
      FELIX_MAX_SESSIONS_PER_TENANT: '2',
    });
    t2Token = await mintTestToken(broker, { tenant: 't2' });
  });
  afterAll(async () => {
    await broker.stop();
    rmSync(configDir, { recursive: true, force: true });
  });

  it('answers the auth past it with limit_exceeded, counts sessions rather than TLS attaches, and spares other tenants', async () => {
    const first = await testClient('tls', broker);
    // A subscription's TLS attach is one more connection of the same session, not a session.
    const { events } = await subscribe(first, 'demo');
    expect(events).toBeDefined();
    const second = await testClient('quic', broker);
    expect([first.authReply?.type, second.authReply?.type]).toEqual(['auth_ok', 'auth_ok']);

    const refused = await testClient('webtransport', broker);
    expect(refused.authReply).toMatchObject({ type: 'error', code: 'limit_exceeded' });
    expect((refused.authReply as { message: string }).message).toMatch(
      /tenant t1 has 2 sessions open, its limit \(maxSessionsPerTenant/,
    );
    expect((await refused.session.closed).code).toBe(CLOSE_CODES.limitExceeded);

    const otherTenant = await testClient('tls', broker, { tenant: 't2', token: t2Token });
    expect(otherTenant.authReply?.type).toBe('auth_ok');
    expect(
      metricValue(await scrapeMetrics(broker.httpPort), 'felix_limit_refusals_total', {
        limit: 'maxSessionsPerTenant',
      }),
    ).toBe(1);

    second.close();
    await waitForMetric(broker.httpPort, 'felix_tenant_sessions', {}, (v) => v === 2);
    const again = await testClient('quic', broker);
    expect(again.authReply?.type).toBe('auth_ok');

    for (const c of [first, again, otherTenant]) c.close();
    await countersAtZero(broker);
  });
});

describe('the tenant publish rate', () => {
  const RATE = 100;
  const BURST = 1000;
  let broker: BrokerProcess;
  let configDir: string;
  beforeAll(async () => {
    configDir = mkdtempSync(join(tmpdir(), 'felix-limits-'));
    const config = twoTenantConfig(configDir);
    broker = await startBrokerProcess({
      FELIX_CARRIERS: 'tls,quic',
      FELIX_CONFIG: config,
      FELIX_TENANT_PUBLISH_BYTES_PER_SECOND: String(RATE),
      FELIX_TENANT_PUBLISH_BURST_BYTES: String(BURST),
    });
    t2Token = await mintTestToken(broker, { tenant: 't2' });
  });
  afterAll(async () => {
    await broker.stop();
    rmSync(configDir, { recursive: true, force: true });
  });

  const demo = (tenant: string) => ({ tenant_id: tenant, namespace: 'default', stream: 'demo' }) as const;

  /** The stream's tail: how many records it holds. */
  async function tail(client: TestClient, tenant: string): Promise<number> {
    const { reply } = await subscribe(client, 'demo', 'earliest', tenant);
    return (reply as { live_offset: number }).live_offset;
  }

  it('refuses over-budget publishes of one tenant while another tenant publishes all of its records', async () => {
    const noisy = await testClient('tls', broker);
    const calm = await testClient('quic', broker, { tenant: 't2', token: t2Token });
    const calmSub = await testClient('quic', broker, { tenant: 't2', token: t2Token });
    const { events } = await subscribe(calmSub, 'demo', 'latest', 't2');

    // Sent in one write, so no refill to speak of comes between them: 600 fit, 600 more do not.
    const batch = (request_id: number, size: number) =>
      encodeFrame({ type: 'publish_batch', ...demo('t1'), payloads: [bytes(size / 2), bytes(size / 2)], request_id });
    noisy.sendRaw(new Uint8Array([...batch(1, 600), ...batch(2, 600)]));
    expect(await noisy.control.next()).toEqual({ type: 'publish_ok', request_id: 1 });
    const refused = await noisy.control.next();
    expect(refused).toMatchObject({ type: 'publish_error', request_id: 2, code: 'overloaded', retry: 'retry_after' });
    expect((refused as { message: string }).message).toMatch(
      /tenant t1 is over its publish rate of 100 bytes\/s \(tenantPublishBytesPerSecond\); retry in \d+ ms/,
    );

    // The stream stays open and a publish that fits what is left goes through.
    noisy.send({ type: 'publish', ...demo('t1'), payload: bytes(10), request_id: 3 });
    expect(await noisy.control.next()).toEqual({ type: 'publish_ok', request_id: 3 });

    // A binary batch is refused in its ack; one larger than the whole burst can never fit.
    noisy.send({
      type: 'binary_publish_batch',
      ...demo('t1'),
      request_id: 4n,
      ack_mode: 'per_batch',
      payloads: [bytes(600)],
    });
    expect(await noisy.control.next()).toMatchObject({ type: 'binary_publish_ack', status: 'error', request_id: 4n });
    noisy.send({ type: 'publish', ...demo('t1'), payload: bytes(BURST + 1), request_id: 5 });
    expect(await noisy.control.next()).toMatchObject({
      type: 'publish_error',
      request_id: 5,
      code: 'limit_exceeded',
      retry: 'fatal',
    });

    // t2 has a bucket of its own: every record it publishes is taken and delivered.
    const records = Array.from({ length: 10 }, (_, i) => `t2-${i}-${'x'.repeat(40)}`);
    for (const [i, record] of records.entries()) {
      calm.send({ type: 'publish', ...demo('t2'), payload: text(record), request_id: i });
      expect(await calm.control.next()).toEqual({ type: 'publish_ok', request_id: i });
    }
    expect((await collect(events!, records.length)).map((r) => r.text)).toEqual(records);

    // Nothing of a refused publish was appended: t1 holds the first batch and the small one.
    expect(await tail(noisy, 't1')).toBe(3);

    const metrics = await scrapeMetrics(broker.httpPort);
    expect(metricValue(metrics, 'felix_limit_refusals_total', { limit: 'tenantPublishBytesPerSecond' })).toBe(3);
    expect(metricValue(metrics, 'felix_publishes_rate_limited_total')).toBe(4);
    for (const c of [noisy, calm, calmSub]) c.close();
  });
});
