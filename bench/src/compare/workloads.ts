// The workloads, identical for every target: pub→sub latency at a paced rate, closed-loop
// throughput (one or ten subscribers, optionally in batches of 64), the cache (sequential
// get/set latency, gets with 64 in flight) and acked durable publishes (1 or 64 in flight).
// Each returns its numbers and the CPU the target's server process used meanwhile, read from
// /proc, and for a Node-hosted server the bytes it allocated and its longest GC pause, read from
// its gc probe.
import type { ChildProcess } from 'node:child_process';
import { processCpuUs } from '../shared/cpu.js';
import { usSinceStamp } from '../shared/paced.js';
import { type LatencySummary, summarize } from '../shared/stats.js';
import { type GcReading, readGc } from './gc-probe.js';
import { connectCache, connectDurable, connectPubSub, type PubSubConnection, type Target } from './targets/index.js';
import { sleep, until, withTimeout } from './time.js';

export interface CpuUse {
  /** Wall time of the measured window, µs. */
  wallUs: number;
  /** CPU the target's server process used in the window (all threads), µs. */
  serverCpuUs?: number;
  /** CPU this process (the load generator) used in the window, µs. */
  loadGenCpuUs: number;
  /** Bytes the server allocated in its V8 heap in the window (Node-hosted servers only). */
  serverAllocatedBytes?: number;
  /** The server's longest GC pause in the window, µs (Node-hosted servers only). */
  serverMaxGcPauseUs?: number;
}

export interface RateResult {
  perSec: number;
  /** Messages delivered (or cache operations done) in the window. */
  count: number;
  cpu: CpuUse;
}

export interface LatencyResult {
  latencyUs: LatencySummary;
  /** Every measured sample, µs, so rounds can be pooled. */
  samplesUs: Float64Array;
  count: number;
  cpu: CpuUse;
}

export interface Timing {
  /** Length of each measured window, s. */
  seconds: number;
  /** Run before each window and not measured, s. */
  warmupSeconds: number;
}

/**
 * Starts a measured window on `target`'s server; the function it resolves to ends it. The gc
 * probe is read outside the CPU window at both ends, so the reads' own work is not charged to it.
 */
export async function serverWindow(target: Target): Promise<() => Promise<CpuUse>> {
  const gcStart = await readGcOrNothing(target);
  const wall = performance.now();
  const server = processCpuUs(target.pid);
  const loadGen = process.cpuUsage();
  return async (): Promise<CpuUse> => {
    const serverNow = processCpuUs(target.pid);
    const used = process.cpuUsage(loadGen);
    const cpu: CpuUse = {
      wallUs: (performance.now() - wall) * 1000,
      serverCpuUs: server === undefined || serverNow === undefined ? undefined : serverNow - server,
      loadGenCpuUs: used.user + used.system,
    };
    const gcEnd = gcStart && (await readGcOrNothing(target, gcStart.epoch));
    if (gcStart && gcEnd) {
      cpu.serverAllocatedBytes = gcEnd.allocatedBytes - gcStart.allocatedBytes;
      cpu.serverMaxGcPauseUs = gcEnd.maxPauseUs;
    }
    return cpu;
  };
}

/** A read of the target's gc probe; nothing when it has none or it does not answer. */
async function readGcOrNothing(target: Target, since?: number): Promise<GcReading | undefined> {
  if (!target.gcSocket) return undefined;
  return readGc(target.gcSocket, since).catch(() => undefined);
}

async function closeAll(connections: (PubSubConnection | undefined)[]): Promise<void> {
  await Promise.all(connections.map((c) => c?.close().catch(() => {})));
}

export const LATENCY_RATE = 5000;
export const LATENCY_BYTES = 64;

/**
 * pub→sub latency: a child process (`forkPublisher`) publishes 64 B stamped with its send time
 * at 5,000 msg/s, sleeping between sends; one subscriber here notes each arrival. A publisher in
 * this process would compete with the subscriber for the CPU and the GC.
 */
export async function latency(
  target: Target,
  topic: string,
  timing: Timing,
  forkPublisher: () => ChildProcess,
): Promise<LatencyResult> {
  const warmup = Math.round(LATENCY_RATE * timing.warmupSeconds);
  const total = warmup + Math.round(LATENCY_RATE * timing.seconds);
  const samplesUs = new Float64Array(total); // preallocated: growing an array is GC work here
  let received = 0;
  const sub = await connectPubSub(target.spec);
  let publisher: ChildProcess | undefined;
  try {
    await sub.subscribe(topic, (p) => {
      if (received < total) samplesUs[received++] = usSinceStamp(p);
    });
    const child = forkPublisher();
    publisher = child;
    const exited = new Promise<void>((resolve, reject) =>
      child.once('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`latency publisher exited with ${code}`)),
      ),
    );
    exited.catch(() => {});
    await withTimeout(
      Promise.race([new Promise((resolve) => child.once('message', resolve)), exited]),
      20_000,
      'latency publisher ready',
    );
    child.send(total);
    await Promise.race([until(() => received >= warmup, 20_000, 'latency warm-up'), exited]);
    const window = await serverWindow(target);
    const deadline = (timing.seconds + 15) * 1000;
    await Promise.race([
      until(() => received >= total, deadline, `latency: ${target.name} delivered ${received} of ${total}`),
      exited,
    ]).catch((err) => {
      throw new Error(`latency (${target.name}): ${received} of ${total} delivered — ${err.message}`);
    });
    const used = await window();
    child.send('done');
    await withTimeout(exited, 10_000, 'latency publisher exit');
    const measured = samplesUs.subarray(warmup);
    return { latencyUs: summarize(measured), samplesUs: measured, count: total - warmup, cpu: used };
  } finally {
    if (publisher && publisher.exitCode === null) publisher.kill('SIGKILL');
    await closeAll([sub]);
  }
}

export interface ThroughputShape {
  payloadBytes: number;
  subscribers: number;
  /** Publish exactly this many per turn (the original Felix benchmark's batches); else as many as allowed. */
  batch?: number;
}

/** Messages published but not yet delivered to the slowest subscriber, at most. */
const WINDOW = 1024;

/**
 * Closed-loop throughput: the publisher keeps at most WINDOW messages ahead of the slowest
 * subscriber, so no system is pushed into its overload policy (Felix drops, Redis disconnects,
 * NATS marks a slow consumer) and what is measured is the sustained delivery rate.
 */
export async function throughput(
  target: Target,
  topic: string,
  shape: ThroughputShape,
  timing: Timing,
): Promise<RateResult> {
  const connections: PubSubConnection[] = [];
  try {
    const counts = new Array<number>(shape.subscribers).fill(0);
    let scheduled = false;
    let stopped = false;
    const payload = new Uint8Array(shape.payloadBytes).fill(0x61);
    let published = 0;
    const pump = () => {
      scheduled = false;
      if (stopped) return;
      let slowest = counts[0];
      for (let i = 1; i < counts.length; i++) if (counts[i] < slowest) slowest = counts[i];
      const credit = WINDOW - (published - slowest);
      const n = shape.batch ? (credit >= shape.batch ? shape.batch : 0) : credit;
      for (let i = 0; i < n; i++) pub.publish(topic, payload);
      published += n;
      // A batch per turn: with credit left, the next batch goes in a later turn.
      if (shape.batch && n > 0 && credit - n >= shape.batch) schedule();
    };
    const schedule = () => {
      if (!scheduled) {
        scheduled = true;
        setImmediate(pump);
      }
    };
    for (let i = 0; i < shape.subscribers; i++) {
      const sub = await connectPubSub(target.spec);
      connections.push(sub);
      await sub.subscribe(topic, () => {
        counts[i]++;
        schedule();
      });
    }
    const pub = await connectPubSub(target.spec);
    connections.push(pub);
    const delivered = () => counts.reduce((a, b) => a + b, 0);
    schedule();
    await sleep(timing.warmupSeconds * 1000);
    const window = await serverWindow(target);
    const before = delivered();
    await sleep(timing.seconds * 1000);
    const count = delivered() - before;
    const used = await window();
    stopped = true;
    if (count === 0) throw new Error(`throughput (${target.name}): nothing delivered in ${timing.seconds} s`);
    // Let what is in flight arrive before closing, so no server sees a reset mid-delivery.
    await until(() => counts.every((c) => c >= published), 5000, 'drain').catch(() => {});
    return { perSec: count / (used.wallUs / 1e6), count, cpu: used };
  } finally {
    await closeAll(connections);
  }
}

export interface CacheResult {
  getUs: LatencySummary;
  setUs: LatencySummary;
  getSamplesUs: number[];
  setSamplesUs: number[];
  sequentialCpu: CpuUse;
  sequentialOps: number;
  inFlight: RateResult;
}

const KEYS = 100;
const IN_FLIGHT = 64;

/** Sequential set/get pairs (latency of each), then gets with 64 in flight (ops/s). */
export async function cache(target: Target, timing: Timing): Promise<CacheResult> {
  const c = await connectCache(target.spec);
  try {
    const value = new Uint8Array(64).fill(0x62);
    const key = (i: number) => `k${i % KEYS}`;
    let ops = 0;
    let stall: Error | undefined;
    // Every operation is awaited, so a silent server would hang the loops below: a watchdog
    // closes the connection when nothing completes for 10 s.
    let lastOps = -1;
    const watchdog = setInterval(() => {
      if (ops === lastOps) {
        stall = new Error(`cache (${target.name}): no reply for 10 s`);
        void c.close();
      }
      lastOps = ops;
    }, 10_000);
    try {
      for (let i = 0; i < KEYS; i++) await c.set(key(i), value);
      const setUs: number[] = [];
      const getUs: number[] = [];
      const run = async (ms: number, record: boolean) => {
        const end = performance.now() + ms;
        for (let i = 0; performance.now() < end; i++) {
          const t0 = performance.now();
          await c.set(key(i), value);
          const t1 = performance.now();
          const got = await c.get(key(i + 1));
          const t2 = performance.now();
          if (got === undefined) throw new Error(`cache (${target.name}): a stored key read back empty`);
          ops += 2;
          if (record) {
            setUs.push((t1 - t0) * 1000);
            getUs.push((t2 - t1) * 1000);
          }
        }
      };
      await run(timing.warmupSeconds * 1000, false);
      const seqWindow = await serverWindow(target);
      const seqOpsBefore = ops;
      await run((timing.seconds * 1000) / 2, true);
      const sequentialOps = ops - seqOpsBefore;
      const sequentialCpu = await seqWindow();

      const inFlightWindow = await serverWindow(target);
      const inFlightBefore = ops;
      const end = performance.now() + (timing.seconds * 1000) / 2;
      await Promise.all(
        Array.from({ length: IN_FLIGHT }, async (_, w) => {
          for (let i = w; performance.now() < end; i += IN_FLIGHT) {
            await c.get(key(i));
            ops++;
          }
        }),
      );
      const count = ops - inFlightBefore;
      const used = await inFlightWindow();
      if (stall) throw stall;
      return {
        getUs: summarize(getUs),
        setUs: summarize(setUs),
        getSamplesUs: getUs,
        setSamplesUs: setUs,
        sequentialCpu,
        sequentialOps,
        inFlight: { perSec: count / (used.wallUs / 1e6), count, cpu: used },
      };
    } catch (err) {
      throw stall ?? err;
    } finally {
      clearInterval(watchdog);
    }
  } finally {
    await c.close().catch(() => {});
  }
}

export interface AckedRateResult extends RateResult {
  /** Publish to acknowledgement of every publish acknowledged in the window, µs. */
  samplesUs: number[];
}

/**
 * Acked durable publishes of `payloadBytes` over one connection, `inFlight` at a time: each of
 * `inFlight` loops publishes and waits for the acknowledgement before its next publish, so the
 * server always has that many outstanding and can share an fsync among them if it groups them.
 */
export async function durablePublish(
  target: Target,
  stream: string,
  inFlight: number,
  payloadBytes: number,
  timing: Timing,
): Promise<AckedRateResult> {
  const conn = await connectDurable(target.spec, stream);
  try {
    const payload = new Uint8Array(payloadBytes).fill(0x64);
    let acked = 0;
    let measuring = false;
    let stopped = false;
    let failure: unknown;
    const samplesUs: number[] = [];
    const loops = Array.from({ length: inFlight }, async () => {
      while (!stopped) {
        const t0 = performance.now();
        try {
          await conn.publish(payload);
        } catch (err) {
          failure ??= err;
          stopped = true;
          return;
        }
        acked++;
        if (measuring) samplesUs.push((performance.now() - t0) * 1000);
      }
    });
    await sleep(timing.warmupSeconds * 1000);
    const window = await serverWindow(target);
    const before = acked;
    measuring = true;
    await sleep(timing.seconds * 1000);
    measuring = false;
    const count = acked - before;
    const used = await window();
    stopped = true;
    // What is in flight is acknowledged before closing, so no server sees a reset mid-write; a
    // server that stopped answering fails the row rather than hanging the run.
    await withTimeout(Promise.all(loops), 15_000, `durable publish (${target.name}): outstanding acks`);
    if (failure) throw failure;
    if (count === 0) throw new Error(`durable publish (${target.name}): nothing acknowledged in ${timing.seconds} s`);
    return { perSec: count / (used.wallUs / 1e6), count, cpu: used, samplesUs };
  } finally {
    await conn.close().catch(() => {});
  }
}
