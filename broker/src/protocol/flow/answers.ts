// Answers waiting for the carrier, charged to the memory budget's `answers` pool. A session may
// have up to its bound queued (one answer may take it past); beyond that, or while the pool is
// full, its streams stop reading requests until the carrier has sent enough, so a peer that
// does not read its answers stops being served instead of growing the broker. A session that
// stays over its bound without draining at the peer rate floor is closed by its owner.
//
// Carriers report what they still hold (ByteSink.bufferedBytes) but not when it shrinks, so
// what is charged is brought up to date ("settled") whenever it matters: at each write, while
// someone waits, when a deadline comes due, and before each metrics scrape.
import type { ByteSink } from '@felix/transport';
import type { MemoryBudget } from '../../core/memory-budget.js';
import { MinimumRate, type RateFloor } from './minimum-rate.js';

/** How often a wait looks again at what the carriers hold, when no drain event wakes it first. */
const RECHECK_MS = 50;

/** The `answers` pool of one broker, shared by its sessions. */
export class AnswerPool {
  private readonly sessions = new Set<SessionAnswers>();

  constructor(readonly memory: MemoryBudget) {}

  /**
   * Whether the pool is at its cap. Only the pool's own cap counts, not the whole budget:
   * answers are how an overloaded broker says no, so other pools filling the budget must not
   * stop them.
   */
  get full(): boolean {
    return this.memory.usedBy('answers') >= this.memory.cap('answers');
  }

  /** Brings every session's charge up to date (before a scrape, and while waits poll). */
  settleAll(): void {
    for (const s of this.sessions) s.settle();
  }

  add(s: SessionAnswers): void {
    this.sessions.add(s);
  }

  delete(s: SessionAnswers): void {
    this.sessions.delete(s);
  }
}

export interface AnswerLimits extends RateFloor {
  /** Bytes a session may have waiting for its carriers before its streams stop reading. */
  boundBytes: number;
}

/** A carrier stream of one session whose writes are answers. */
export class AnswerSink implements ByteSink {
  /** Bytes written through this sink, ever. */
  written = 0;
  /** Bytes of this sink charged to the pool at the last settle. */
  charged = 0;
  /** Its stream is done with: it is forgotten once the carrier holds nothing of it. */
  retired = false;

  constructor(
    readonly carrier: ByteSink,
    private readonly owner: SessionAnswers,
  ) {}

  get bufferedBytes(): number {
    return this.carrier.bufferedBytes;
  }

  get closed(): Promise<void> | undefined {
    return this.carrier.closed;
  }

  write(chunk: Uint8Array): boolean {
    const more = this.carrier.write(chunk);
    this.written += chunk.byteLength;
    this.owner.settleSink(this);
    return more;
  }

  drained(): Promise<void> {
    return this.carrier.drained();
  }

  end(): Promise<void> {
    return this.carrier.end();
  }

  reset(code: number): void {
    this.carrier.reset(code);
    this.owner.settleSink(this);
  }
}

export class SessionAnswers {
  private readonly sinks = new Set<AnswerSink>();
  /** Bytes charged to the pool for this session. */
  private charged = 0;
  /** What sinks no longer tracked had sent. */
  private sentByUntracked = 0;
  /** While the session is over its bound: the floor its draining is held to. */
  private over: MinimumRate | undefined;
  private closed = false;

  constructor(
    private readonly pool: AnswerPool,
    private readonly limits: AnswerLimits,
    /** Called once when the session has stayed over its bound without draining at the floor. */
    private readonly stuck: (queuedBytes: number) => void,
  ) {
    pool.add(this);
  }

  /** Bytes waiting in this session's carriers, as of the last settle. */
  get queuedBytes(): number {
    return this.charged;
  }

  /** Wraps a carrier stream whose writes are this session's answers. */
  track(carrier: ByteSink): AnswerSink {
    const sink = new AnswerSink(carrier, this);
    if (!this.closed) this.sinks.add(sink);
    return sink;
  }

  /** The stream of `sink` is done with: it stops counting once its carrier has sent all. */
  retire(sink: AnswerSink): void {
    sink.retired = true;
    this.settleSink(sink);
  }

  /**
   * Whether the session's streams should stop reading requests for now. What was charged may
   * be out of date only upwards (sent bytes not yet given back), so a no needs no settle.
   */
  get mustWait(): boolean {
    if (this.closed || (this.charged < this.limits.boundBytes && !this.pool.full)) return false;
    this.settle();
    return this.charged >= this.limits.boundBytes || this.pool.full;
  }

  /** Resolves once the session may read requests again (or is closed). */
  async room(): Promise<void> {
    while (this.mustWait) {
      const before = this.charged;
      let timer: NodeJS.Timeout | undefined;
      const recheck = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, RECHECK_MS);
      });
      const wakes: Promise<unknown>[] = [recheck];
      for (const s of this.sinks) if (s.charged > 0) wakes.push(s.drained().catch(() => undefined));
      await Promise.race(wakes);
      this.settle();
      // A carrier below its own low-water mark says drained at once, with nothing sent: that
      // is no news, and looping on it would spin. Only the recheck goes on from there.
      if (this.charged >= before) await recheck;
      clearTimeout(timer);
      // Other sessions' carriers drain silently too; a full pool is seen as it really is.
      if (this.pool.full) this.pool.settleAll();
    }
  }

  /** Re-reads what each carrier still holds and charges or gives back the difference. */
  settle(): void {
    for (const s of this.sinks) this.settleSink(s);
  }

  settleSink(sink: AnswerSink): void {
    if (this.closed || !this.sinks.has(sink)) return;
    const held = Math.min(sink.carrier.bufferedBytes, sink.written);
    const change = held - sink.charged;
    if (change !== 0) {
      sink.charged = held;
      this.charged += change;
      if (change > 0) this.pool.memory.charge('answers', change);
      else this.pool.memory.release('answers', -change);
    }
    if (sink.retired && held === 0) this.untrack(sink);
    if (change !== 0) this.watchBound();
  }

  /** The session is over: everything it charged goes back. */
  close(): void {
    if (this.closed) return;
    for (const s of [...this.sinks]) this.untrack(s);
    this.closed = true;
    this.over?.stop();
    this.over = undefined;
    this.pool.delete(this);
  }

  /** Stops counting `sink` and gives back what it held. */
  private untrack(sink: AnswerSink): void {
    if (!this.sinks.delete(sink)) return;
    this.charged -= sink.charged;
    this.sentByUntracked += sink.written - sink.charged;
    this.pool.memory.release('answers', sink.charged);
    sink.charged = 0;
  }

  /** Bytes the carriers have taken from this session's sinks, ever. */
  private sent(): number {
    let sent = this.sentByUntracked;
    for (const s of this.sinks) sent += s.written - s.charged;
    return sent;
  }

  /** Starts the rate floor when the session goes over its bound, and drops it when it is back under. */
  private watchBound(): void {
    if (this.charged < this.limits.boundBytes) {
      this.over?.stop();
      this.over = undefined;
      return;
    }
    if (this.over) return;
    const floor = new MinimumRate(
      this.limits,
      () => {
        this.settle();
        return { moved: this.sent(), left: this.charged };
      },
      () => this.stuck(this.charged),
    );
    this.over = floor;
    floor.run();
  }
}
