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

/** CLOCK_MONOTONIC, as clock_gettime(2) numbers it on Linux. */
const CLOCK_MONOTONIC = 1;

interface DenoFfi {
  dlopen(
    path: string,
    symbols: { clock_gettime: { parameters: ['i32', 'buffer']; result: 'i32' } },
  ): { symbols: { clock_gettime(clock: number, out: BigInt64Array): number } };
}

/**
 * CLOCK_MONOTONIC read through Deno's FFI: the clock Node's hrtime reads, so stamps compare
 * across every process of a run, Node's and Deno's alike. Deno's own clocks do not serve:
 * its hrtime counts from each process's start, and performance.timeOrigin comes from the wall
 * clock, which this machine's hypervisor slews by up to 500 µs a second (measured), enough to
 * put a constant error of hundreds of µs, either sign, between two processes started a second
 * apart.
 */
function denoMonotonicNs(): () => bigint {
  const deno = (globalThis as unknown as { Deno: DenoFfi }).Deno;
  const libc = deno.dlopen('libc.so.6', { clock_gettime: { parameters: ['i32', 'buffer'], result: 'i32' } });
  const spec = new BigInt64Array(2);
  return () => {
    libc.symbols.clock_gettime(CLOCK_MONOTONIC, spec);
    return spec[0] * 1_000_000_000n + spec[1];
  };
}

/** Nanoseconds on CLOCK_MONOTONIC, which every process of one run, Node or Deno, shares. */
export const sharedClockNs: () => bigint = 'Deno' in globalThis ? denoMonotonicNs() : () => process.hrtime.bigint();

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
