// Frames being received, charged to the memory budget's `receiving` pool from their header on:
// a header announcing N bytes reserves N before the rest is read, so a frame that has been let
// in can always finish, and one that does not fit waits with its stream unread (the carrier's
// flow control holds the sender back) instead of buffering. A frame larger than the whole pool
// waits until it is empty and is then received alone. Each reserved frame must then arrive at
// the peer rate floor, or its stream is closed and the reservation given back. A frame that
// waits for room is held to the same deadline from its header on: otherwise frames queued behind
// a full pool would sit unread, holding their connections, for as long as the ones ahead take.
import type { FrameLimits } from '@felix/generated';
import type { MemoryBudget } from '../../core/memory-budget.js';
import { MinimumRate, type RateFloor } from './minimum-rate.js';

export type ReceiveAccounting = NonNullable<FrameLimits['receiving']>;

/**
 * Frames up to this size are let in even when the pool is full: a small request never waits
 * behind large ones, and what it may add beyond the cap is one such frame per stream.
 */
export const SMALL_FRAME_BYTES = 64 * 1024;
/** How often waiting frames look again for room that other pools may have given back. */
const RECHECK_MS = 100;

interface Waiter {
  size: number;
  admit(admitted: boolean): void;
}

/** The `receiving` pool's gate: reservations in, reservations out, waiters in arrival order. */
export class ReceivingPool {
  private readonly waiters: Waiter[] = [];
  private recheck: NodeJS.Timeout | undefined;

  constructor(private readonly memory: MemoryBudget) {}

  /** Charges `size` and returns true if it may be received now; false if it must wait. */
  tryReserve(size: number): boolean {
    if (this.waiters.length === 0 && this.fits(size)) return true;
    if (size > SMALL_FRAME_BYTES) return false;
    this.memory.charge('receiving', size);
    return true;
  }

  /** Charges `size` if the pool has room for it, or it is empty and `size` exceeds its cap. */
  private fits(size: number): boolean {
    if (this.memory.tryCharge('receiving', size)) return true;
    if (size <= this.memory.cap('receiving') || this.memory.usedBy('receiving') > 0) return false;
    this.memory.charge('receiving', size);
    return true;
  }

  /** Resolves true once `size` has been charged, or false if `cancelled` settles first. */
  reserve(size: number, cancelled: Promise<void>): Promise<boolean> {
    return new Promise((resolve) => {
      const waiter: Waiter = { size, admit: resolve };
      this.waiters.push(waiter);
      this.armRecheck();
      void cancelled.then(() => {
        const at = this.waiters.indexOf(waiter);
        if (at < 0) return;
        this.waiters.splice(at, 1);
        resolve(false);
      });
    });
  }

  release(size: number): void {
    if (size === 0) return;
    this.memory.release('receiving', size);
    this.admitWaiting();
  }

  /** Frames waiting for room. */
  get waiting(): number {
    return this.waiters.length;
  }

  private admitWaiting(): void {
    while (this.waiters.length > 0) {
      const head = this.waiters[0]!;
      if (!this.fits(head.size)) break;
      this.waiters.shift();
      head.admit(true);
    }
  }

  private armRecheck(): void {
    if (this.recheck) return;
    this.recheck = setInterval(() => {
      this.admitWaiting();
      if (this.waiters.length === 0) {
        clearInterval(this.recheck);
        this.recheck = undefined;
      }
    }, RECHECK_MS);
    this.recheck.unref();
  }
}

export interface FrameReceiptEvents {
  /** Reading stopped until the pool has room for a frame of `size`. */
  waited(size: number): void;
  /**
   * The frame fell behind the rate floor, having `received` bytes in, or (`received` undefined)
   * waited a whole window for room without being let in; the owner closes the stream.
   */
  stalled(size: number, received: number | undefined): void;
}

/** One stream's accounting: its unfinished frame's reservation and rate floor. */
export class FrameReceipt implements ReceiveAccounting {
  private reserved = 0;
  private received = 0;
  private rate: MinimumRate | undefined;
  private disposed = false;
  /** Gives up a reservation still waiting for room. */
  private giveUp: (() => void) | undefined;
  /** Ends the wait for room after one window of the rate floor. */
  private waitLimit: NodeJS.Timeout | undefined;

  constructor(
    private readonly pool: ReceivingPool,
    private readonly floor: RateFloor,
    private readonly events: FrameReceiptEvents,
  ) {}

  /** Bytes this stream holds in the pool. */
  get charged(): number {
    return this.reserved;
  }

  begin(size: number): Promise<void> | undefined {
    if (this.disposed) return undefined;
    this.received = 0;
    if (this.pool.tryReserve(size)) {
      this.admitted(size);
      return undefined;
    }
    this.events.waited(size);
    const givenUp = new Promise<void>((resolve) => {
      this.giveUp = resolve;
    });
    this.waitLimit = setTimeout(() => {
      this.dispose();
      this.events.stalled(size, undefined);
    }, this.floor.windowMs);
    this.waitLimit.unref();
    return this.pool.reserve(size, givenUp).then((ok) => {
      this.giveUp = undefined;
      clearTimeout(this.waitLimit);
      this.waitLimit = undefined;
      if (ok && !this.disposed) this.admitted(size);
      else if (ok) this.pool.release(size);
    });
  }

  reading(received: number): void {
    this.received = received;
    this.rate?.run();
  }

  end(): void {
    this.giveUp?.();
    this.giveUp = undefined;
    clearTimeout(this.waitLimit);
    this.waitLimit = undefined;
    this.rate?.stop();
    this.rate = undefined;
    const reserved = this.reserved;
    this.reserved = 0;
    this.pool.release(reserved);
  }

  /** The stream is gone: gives back what it holds, and takes nothing more. */
  dispose(): void {
    this.disposed = true;
    this.end();
  }

  private admitted(size: number): void {
    this.reserved = size;
    this.rate = new MinimumRate(
      this.floor,
      () => ({ moved: this.received, left: size - this.received }),
      () => {
        const received = this.received;
        this.dispose();
        this.events.stalled(size, received);
      },
    );
  }
}
