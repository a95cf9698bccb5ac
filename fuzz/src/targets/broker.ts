// The live broker under attack: several connections per carrier (TLS and WebTransport) send
// mutated frames on control and cache streams and, over TLS, on event streams, reconnecting whenever the broker closes one,
// while a clean client per carrier publishes, subscribes and uses the cache and checks that it
// loses nothing. The broker must not exit, /live must keep answering, and its resident memory
// (felix_process_resident_memory_bytes) must stay bounded.

import { once } from 'node:events';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { connect as tlsConnect } from 'node:tls';
import { decodePayload, encodeFrame, FrameReader, readHeader, type WireMessage } from '@felix/generated';
import {
  type BrokerProcess,
  type CarrierName,
  connectSession,
  FrameInbox,
  startBrokerProcess,
  subscribe,
  testClient,
} from '@felix/testkit';
import type { ByteSink, ByteSource, ClientSession } from '@felix/transport';
import fc from 'fast-check';
import { anyMessage } from '../generated/arbitraries.js';
import { concat, Mutator } from '../mutators.js';
import { Rng } from '../rng.js';
import { now, type TargetContext, type TargetResult } from './common.js';

const CARRIERS: CarrierName[] = ['tls', 'webtransport'];
const ATTACKERS_PER_CARRIER = 3;
/** Kept back from the budget for the clean clients' final check and the broker's stop. */
const FINISH_MS = 6000;
/** Resident memory the broker may gain over the run once warm, and may never exceed. */
const RSS_GROWTH_LIMIT = 256 << 20;
const RSS_LIMIT = 1 << 30;
/** How long the clean client waits for any one answer while the broker is under attack. */
const ANSWER_MS = 15_000;
const ALL_FLAGS = 0x3f;
const ALL_FEATURES = 0x4 | 0x800 | 0x10000;

const text = (s: string) => new TextEncoder().encode(s);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whether the broker can read past this frame: a good header whose length is the truth. */
function keepsStreamOpen(frame: Uint8Array): boolean {
  try {
    return readHeader(frame).length === frame.length - 12;
  } catch {
    return false;
  }
}

function decodeOrUndefined(flags: number, payload: Uint8Array): WireMessage | undefined {
  try {
    return decodePayload(flags, payload);
  } catch {
    return undefined;
  }
}

/**
 * Reads a stream to its end, decoding only the first frame (the auth answer) and, when asked,
 * each `subscribed` answer after it (whose ids an event-stream attack attaches to).
 */
class Drain {
  ended = false;
  readonly first: Promise<WireMessage | undefined>;
  /** Resolves with the subscription id of the next `subscribed` answer (when one is awaited). */
  private onSubscribed: ((id: number) => void) | undefined;

  constructor(source: ByteSource) {
    let resolveFirst!: (m: WireMessage | undefined) => void;
    this.first = new Promise((r) => (resolveFirst = r));
    const reader = new FrameReader();
    let found = false;
    void (async () => {
      try {
        for await (const chunk of source) {
          // Framing goes on throughout (it is cheap); only wanted frames are decoded.
          reader.push(chunk);
          for (let f = reader.next(); f; f = reader.next()) {
            if (found && !this.onSubscribed) continue;
            const m = decodeOrUndefined(f.flags, f.payload);
            if (!found) {
              found = true;
              resolveFirst(m);
            } else if (m?.type === 'subscribed') {
              this.onSubscribed?.(m.subscription_id);
              this.onSubscribed = undefined;
            }
          }
        }
      } catch {
        // reset or closed by the broker: what the attackers provoke
      }
      this.ended = true;
      resolveFirst(undefined);
    })();
  }

  /** The id in the next `subscribed` answer read from here on. */
  nextSubscribed(): Promise<number> {
    return new Promise((resolve) => (this.onSubscribed = resolve));
  }
}

async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

interface Stats {
  frames: number;
  connections: number;
  connectFailures: number;
  cleanRecords: number;
  cleanCacheOps: number;
  /** Event-stream connections attached (or refused) that then carried mutated frames. */
  eventStreamAttacks: number;
  peakRss: number;
  warmRss: number;
  /** Longest event-loop stall seen in the broker (its own metric) and in this process, in ms. */
  brokerLagMs: number;
}

/** Client-to-server requests naming what the broker has, so mutations reach its handlers. */
function requestSeeds(seed: number): Uint8Array[] {
  const where = { tenant_id: 't1', namespace: 'default' };
  const valid: WireMessage[] = [
    { type: 'publish', ...where, stream: 'demo', payload: text('x'), request_id: 1 },
    { type: 'publish', ...where, stream: 'demo', payload: text('x'), ack: 'none' },
    {
      type: 'publish_batch',
      ...where,
      stream: 'demo',
      payloads: [text('a'), text('b')],
      request_id: 2,
      ack: 'per_batch',
    },
    {
      type: 'binary_publish_batch',
      ...where,
      stream: 'demo',
      payloads: [text('a')],
      request_id: 3n,
      ack_mode: 'per_batch',
    },
    { type: 'binary_publish_batch', ...where, stream: 'demo', payloads: [text('a'), text('')] },
    { type: 'subscribe', ...where, stream: 'demo', start: 'earliest' },
    { type: 'subscribe', ...where, stream: 'demo', start: { offset: 0 } },
    { type: 'cache_put', ...where, cache: 'primary', key: 'k', value: text('v'), request_id: 4, ttl_ms: 1000 },
    { type: 'cache_get', ...where, cache: 'primary', key: 'k', request_id: 5 },
    { type: 'cache_delete', ...where, cache: 'primary', key: 'k', request_id: 6 },
    { type: 'stream_attach', session_token: 'x', kind: 'cache' },
    { type: 'auth', tenant_id: 't1', token: 't', client_flags: ALL_FLAGS, client_features: ALL_FEATURES },
  ];
  // Random valid values of every type, renamed to the registered tenant, stream and cache.
  const sampled = fc.sample(anyMessage, { seed, numRuns: 400 }).map((m) => {
    const v = m as unknown as Record<string, unknown>;
    if ('tenant_id' in v) Object.assign(v, where);
    if ('stream' in v) v.stream = 'demo';
    if ('cache' in v) v.cache = 'primary';
    return m;
  });
  const frames: Uint8Array[] = [];
  for (const m of [...valid, ...valid, ...valid, ...sampled]) {
    try {
      frames.push(encodeFrame(m));
    } catch {
      // a renamed value over a limit it no longer meets
    }
  }
  return frames;
}

export async function runBroker(ctx: TargetContext): Promise<TargetResult> {
  const start = now();
  const stats: Stats = {
    frames: 0,
    connections: 0,
    connectFailures: 0,
    cleanRecords: 0,
    cleanCacheOps: 0,
    eventStreamAttacks: 0,
    peakRss: 0,
    warmRss: 0,
    brokerLagMs: 0,
  };
  // A stall of this process fires every pending timeout at once when it ends; knowing the
  // longest one tells such a false alarm from a broker that stopped answering.
  const ownLag = monitorEventLoopDelay({ resolution: 20 });
  ownLag.enable();
  const lags = () =>
    `longest event-loop stall: broker ${stats.brokerLagMs.toFixed(0)} ms, fuzzer ${(ownLag.max / 1e6).toFixed(0)} ms`;
  let failures = 0;
  const fail = (signature: string, detail = '') => {
    failures++;
    ctx.failures.add({ target: 'broker', signature, detail });
  };
  const broker = await startBrokerProcess({ FELIX_CARRIERS: CARRIERS.join(','), FELIX_LOG_LEVEL: 'error' });
  const http = (path: string, init?: RequestInit) =>
    fetch(`http://127.0.0.1:${broker.httpPort}${path}`, { ...init, signal: AbortSignal.timeout(3000) });
  const state = { stop: false };
  try {
    for (const carrier of CARRIERS) {
      const res = await http(`/admin/tenants/t1/namespaces/default/streams/fuzz-clean-${carrier}`, { method: 'PUT' });
      if (res.status !== 201) throw new Error(`could not register the clean stream: ${res.status}`);
    }
    const deadline = start + ctx.budgetMs - FINISH_MS;
    const monitor = watchBroker(broker, http, stats, state, fail, lags);
    // Settled at once, so a failing clean client is reported rather than an unhandled rejection.
    const clean = CARRIERS.map((carrier, i) =>
      cleanClient(broker, carrier, ctx.seed + i, stats, state).then(
        () => undefined,
        (err: unknown) => {
          fail(
            `the clean client over ${carrier} failed`,
            `${String(err)} at ${((now() - start) / 1000).toFixed(1)} s; ${lags()}`,
          );
          state.stop = true;
        },
      ),
    );
    const rng = new Rng(ctx.seed ^ 0xb40e4);
    const seeds = requestSeeds(ctx.seed);
    const attackers = CARRIERS.flatMap((carrier) =>
      Array.from({ length: ATTACKERS_PER_CARRIER }, (_, i) => {
        const own = new Rng(rng.u32());
        return attacker(broker, carrier, new Mutator(ctx.spec, own, seeds), own, stats, state).catch((err) =>
          fail(`attacker ${carrier}#${i} threw`, String(err)),
        );
      }),
    );
    while (now() < deadline && !state.stop) await sleep(100);
    state.stop = true;
    await Promise.all(attackers);
    await Promise.all(clean);
    await monitor;
    if (broker.proc.exitCode !== null || broker.proc.signalCode !== null)
      fail('the broker exited', broker.output().slice(-2000));
    else if ((await http('/live').catch(() => undefined))?.status !== 200) fail('/live stopped answering');
  } finally {
    state.stop = true;
    ownLag.disable();
    const code = await broker.stop();
    if (code !== 0 && failures === 0) fail(`the broker exited with ${code} on SIGTERM`, broker.output().slice(-2000));
  }
  return {
    name: 'broker',
    inputs: stats.frames,
    unit: 'frames sent',
    ms: now() - start,
    failures,
    notes: [
      `${stats.connections} attacking connections (${stats.connectFailures} refused) and ${stats.eventStreamAttacks} event-stream connections, clean clients: ${stats.cleanRecords} records delivered in order, ${stats.cleanCacheOps} cache round trips`,
      `broker rss ${stats.warmRss >> 20} MiB warm, peak ${stats.peakRss >> 20} MiB; ${lags()}`,
    ],
  };
}

async function watchBroker(
  broker: BrokerProcess,
  http: (path: string) => Promise<Response>,
  stats: Stats,
  state: { stop: boolean },
  fail: (s: string, d?: string) => void,
  lags: () => string,
): Promise<void> {
  const started = now();
  while (!state.stop) {
    await sleep(500);
    if (broker.proc.exitCode !== null || broker.proc.signalCode !== null) {
      fail('the broker exited', broker.output().slice(-2000));
      state.stop = true;
      return;
    }
    try {
      const live = await http('/live');
      if (live.status !== 200) fail(`/live answered ${live.status}`);
      const metrics = await (await http('/metrics')).text();
      const rss = Number(/felix_process_resident_memory_bytes (\d+)/.exec(metrics)?.[1] ?? 0);
      const lag = Number(/^felix_nodejs_eventloop_lag_max_seconds (\S+)$/m.exec(metrics)?.[1] ?? 0) * 1000;
      if (lag > stats.brokerLagMs) stats.brokerLagMs = lag;
      if (rss > stats.peakRss) stats.peakRss = rss;
      // Warm once the attackers have been at it a few seconds: heap and buffers at working size.
      if (!stats.warmRss && now() - started > 3000) stats.warmRss = rss;
      if (rss > RSS_LIMIT || (stats.warmRss && rss - stats.warmRss > RSS_GROWTH_LIMIT)) {
        fail('broker memory unbounded', `rss ${rss >> 20} MiB, warm ${stats.warmRss >> 20} MiB`);
        state.stop = true;
      }
    } catch (err) {
      fail('/live or /metrics did not answer', `${String(err)}; ${lags()}`);
    }
  }
}

/** One attacking connection after another until told to stop. */
async function attacker(
  broker: BrokerProcess,
  carrier: CarrierName,
  mutator: Mutator,
  rng: Rng,
  stats: Stats,
  state: { stop: boolean },
): Promise<void> {
  while (!state.stop) {
    let session: ClientSession;
    try {
      session = await withTimeout(connectSession(carrier, broker.ports[carrier], broker.fingerprint), 5000, 'connect');
    } catch {
      stats.connectFailures++;
      await sleep(50);
      continue;
    }
    stats.connections++;
    // Only TLS lets a client write on an event stream: it opens that connection itself.
    const eventPort = carrier === 'tls' ? broker.ports.tls : undefined;
    try {
      await attackSession(session, eventPort, mutator, rng, stats, state);
    } catch {
      // the broker closing a connection mid-write is the expected end of most sessions
    }
    session.close({ code: 0, reason: 'fuzz' });
  }
}

/**
 * Subscribes, then attaches a raw TLS connection as that subscription's event stream (or, at
 * times, with a wrong token or id) and writes mutated frames where the broker expects silence.
 */
async function attackEventStream(
  session: ClientSession,
  port: number,
  control: Drain,
  token: string,
  mutator: Mutator,
  rng: Rng,
  stats: Stats,
  state: { stop: boolean },
): Promise<void> {
  const subscribed = control.nextSubscribed();
  session.control.writable.write(
    encodeFrame({ type: 'subscribe', tenant_id: 't1', namespace: 'default', stream: 'demo', start: 'latest' }),
  );
  const id = await withTimeout(subscribed, 5000, 'subscribed').catch(() => undefined);
  if (id === undefined || state.stop) return;
  const socket = tlsConnect({
    host: '127.0.0.1',
    port,
    rejectUnauthorized: false,
    ALPNProtocols: ['felix'],
  });
  socket.on('error', () => {});
  socket.on('data', () => {});
  try {
    await withTimeout(once(socket, 'secureConnect'), 5000, 'event stream connect');
    const attach = encodeFrame({
      type: 'stream_attach',
      session_token: rng.chance(0.9) ? token : 'not-a-token',
      kind: 'event',
      subscription_id: rng.chance(0.9) ? id : id + 1 + rng.below(5),
    });
    const frames: Uint8Array[] = [attach];
    for (let i = 0, n = 1 + rng.below(64); i < n; i++) frames.push(mutator.next());
    const all = concat(...frames);
    stats.frames += frames.length;
    stats.eventStreamAttacks++;
    if (!socket.write(all)) await withTimeout(once(socket, 'drain'), 5000, 'drain').catch(() => undefined);
  } catch {
    // refused or cut by the broker: expected
  } finally {
    socket.destroy();
  }
}

async function attackSession(
  session: ClientSession,
  /** Where event-stream connections go; undefined on carriers where the broker opens them. */
  eventPort: number | undefined,
  mutator: Mutator,
  rng: Rng,
  stats: Stats,
  state: { stop: boolean },
): Promise<void> {
  const control = new Drain(session.control.readable);
  const sinks: { sink: ByteSink; drain: Drain }[] = [{ sink: session.control.writable, drain: control }];
  const mode = rng.below(20);
  if (mode === 0) {
    // Garbage before auth: the broker answers unauthenticated and closes the session.
    const f = mutator.next();
    session.control.writable.write(f);
    stats.frames++;
    await withTimeout(control.first, 5000, 'the answer to a frame before auth').catch(() => undefined);
    return;
  }
  const legacy = mode === 1;
  session.control.writable.write(
    encodeFrame({
      type: 'auth',
      tenant_id: 't1',
      token: 'fuzz',
      client_flags: legacy ? undefined : ALL_FLAGS & ~(rng.chance(0.3) ? 0x10 : 0),
      client_features: legacy ? undefined : ALL_FEATURES,
    }),
  );
  const reply = await withTimeout(control.first, 5000, 'auth');
  if (!reply) return;
  if (reply.type === 'auth_ok' && reply.session_token) {
    session.setAttachToken(reply.session_token);
    if (eventPort !== undefined && rng.chance(0.2))
      await attackEventStream(session, eventPort, control, reply.session_token, mutator, rng, stats, state);
  }
  if (!legacy && rng.chance(0.5)) {
    try {
      const cache = await withTimeout(session.openCacheStream(), 5000, 'opening a cache stream');
      sinks.push({ sink: cache.writable, drain: new Drain(cache.readable) });
    } catch {
      // the broker may already have closed the session
    }
  }
  // Up to a few thousand frames per connection, then a fresh one, so connection set-up and
  // tear-down are exercised too.
  const batches = 5 + rng.below(60);
  for (let b = 0; b < batches && !state.stop; b++) {
    const open = sinks.filter((s) => !s.drain.ended);
    if (!open.length || control.ended) return;
    const { sink } = rng.pick(open);
    const frames: Uint8Array[] = [];
    const size = 16 + rng.below(112);
    while (frames.length < size) {
      const f = mutator.next();
      // Megabyte frames are decoder tests; here a few go through, the rest would only slow the
      // loop down to the speed of copying them.
      if (f.length > 65536 && !rng.chance(0.01)) continue;
      if (keepsStreamOpen(f)) frames.push(f);
      else if (rng.chance(0.02)) {
        // A frame that ends the stream goes last: nothing after it would be read.
        frames.push(f);
        break;
      }
    }
    if (!sink.write(concat(...frames))) await withTimeout(sink.drained(), 5000, 'drain').catch(() => undefined);
    stats.frames += frames.length;
    // A pause per batch leaves the event loop (and the second core) to the clean clients and
    // the broker; without it six attackers starve the clean clients of this process's time.
    await sleep(1);
  }
}

/** Publishes, subscribes and uses the cache cleanly; throws on anything lost or wrong. */
async function cleanClient(
  broker: BrokerProcess,
  carrier: CarrierName,
  seed: number,
  stats: Stats,
  state: { stop: boolean },
): Promise<void> {
  const stream = `fuzz-clean-${carrier}`;
  const where = { tenant_id: 't1', namespace: 'default' } as const;
  const c = await testClient(carrier, broker.ports[carrier], broker.fingerprint);
  try {
    const { reply, events } = await subscribe(c, stream, 'latest');
    if (!events) throw new Error(`subscribe answered ${JSON.stringify(reply)}`);
    const cacheStream = await c.session.openCacheStream();
    const cache = new FrameInbox(cacheStream.readable);
    const rng = new Rng(seed);
    const sent: string[] = [];
    const prefix = `${seed.toString(36)}-`;
    for (let id = 1; !state.stop; id++) {
      const payloads = Array.from({ length: 1 + rng.below(20) }, () => {
        sent.push(`${prefix}${sent.length}`);
        return text(sent[sent.length - 1]);
      });
      c.send({
        type: 'binary_publish_batch',
        ...where,
        stream,
        request_id: BigInt(id),
        ack_mode: 'per_batch',
        payloads,
      });
      const ack = await c.control.expect('binary_publish_ack', ANSWER_MS);
      if (ack.status !== 'ok' || ack.request_id !== BigInt(id))
        throw new Error(`publish ${id} answered ${ack.status} ${ack.message}`);
      const key = `${prefix}k${id}`;
      const value = rng.bytes(rng.below(64));
      cacheStream.writable.write(
        encodeFrame({ type: 'cache_put', ...where, cache: 'primary', key, value, request_id: id, ttl_ms: null }),
      );
      const ok = await cache.expect('cache_ok', ANSWER_MS);
      if (ok.request_id !== id) throw new Error(`cache_put ${id} answered for ${ok.request_id}`);
      cacheStream.writable.write(encodeFrame({ type: 'cache_get', ...where, cache: 'primary', key, request_id: id }));
      const got = await cache.expect('cache_value', ANSWER_MS);
      if (got.request_id !== id || !got.value || Buffer.compare(got.value, value) !== 0)
        throw new Error(`cache_get ${key} returned ${got.value ? Buffer.from(got.value).toString('hex') : null}`);
      stats.cleanCacheOps++;
      await sleep(rng.below(5));
    }
    let received = 0;
    while (received < sent.length) {
      const m = await events.next(ANSWER_MS);
      if (m.type !== 'binary_shared_event_batch') throw new Error(`unexpected ${m.type} on the event stream`);
      for (const p of m.payloads) {
        const got = new TextDecoder().decode(p);
        if (got !== sent[received]) throw new Error(`record ${received}: expected ${sent[received]}, got ${got}`);
        received++;
      }
    }
    stats.cleanRecords += received;
  } finally {
    c.close();
  }
}
