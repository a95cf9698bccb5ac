// Sends at a fixed rate by sleeping until each send is due. A setImmediate busy loop would keep
// a whole core busy (one of two on the machines we measure on) and churn enough promises to run
// the receiver's GC many times a second; both show up as tail latency.

const yieldTurn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Calls `send(i)` for i in [0, total) at `ratePerSec`, catching up in a burst when late. Meant
 * for a process that only sends: Atomics.wait blocks it with sub-millisecond resolution, where
 * timers round to 1 ms. A turn of the event loop between sending and sleeping lets its I/O run.
 */
export async function sendPaced(total: number, ratePerSec: number, send: (i: number) => void): Promise<void> {
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  const start = process.hrtime.bigint();
  const dueAt = (i: number) => start + BigInt(Math.round((i * 1e9) / ratePerSec));
  for (let sent = 0; sent < total; ) {
    const now = process.hrtime.bigint();
    for (; sent < total && dueAt(sent) <= now; sent++) send(sent);
    // Clients that write at the end of a turn (microtask or setImmediate) send before the sleep.
    await yieldTurn();
    if (sent < total) {
      const waitMs = Number(dueAt(sent) - process.hrtime.bigint()) / 1e6;
      if (waitMs > 0) Atomics.wait(sleeper, 0, 0, waitMs);
    }
  }
}

/**
 * Nanoseconds on a clock every process of one run shares. Node's hrtime is CLOCK_MONOTONIC,
 * exact and shared; Deno's counts from its own start, so there it is the wall clock as
 * performance.timeOrigin + now() gives it (to a few µs; both ends of a Deno run use it).
 */
export const sharedClockNs: () => bigint =
  'Deno' in globalThis
    ? () => BigInt(Math.round((performance.timeOrigin + performance.now()) * 1000)) * 1000n
    : () => process.hrtime.bigint();

/** A payload of `bytes` (≥ 8) whose first 8 bytes are the send time (sharedClockNs). */
export function stampedPayload(bytes: number): Uint8Array {
  const payload = new Uint8Array(bytes);
  new DataView(payload.buffer).setBigUint64(0, sharedClockNs());
  return payload;
}

/** Microseconds since the send time stamped in `payload`, on the clock the sender used. */
export function usSinceStamp(payload: Uint8Array, now = sharedClockNs()): number {
  return Number(now - new DataView(payload.buffer, payload.byteOffset, 8).getBigUint64(0)) / 1000;
}
