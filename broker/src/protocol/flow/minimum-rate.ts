// A floor under how fast a peer moves bytes, checked in windows: each window must move at
// least the floor's rate times its length, or whatever was left if that is less. A deadline
// reset on every byte would let a peer trickle one byte at a time and keep its buffers; an
// average since the start would let a peer that sent most of a frame quickly then stalled keep
// it for as long as the early bytes bought. Windows let a slow but steady link through and cut
// both.

export interface RateFloor {
  /** The window, in milliseconds. */
  windowMs: number;
  bytesPerSecond: number;
}

export interface Progress {
  /** Bytes moved so far. */
  moved: number;
  /** Bytes still to move. */
  left: number;
}

export class MinimumRate {
  /** Bytes moved when the current window opened, and what it must move. */
  private windowFrom = 0;
  private windowNeeds = 0;
  private timer: NodeJS.Timeout | undefined;
  private started = false;
  private stopped = false;

  constructor(
    private readonly floor: RateFloor,
    /** Read when a window opens and when it closes. */
    private readonly progress: () => Progress,
    /** Called once, when a window closed short of what it needed. */
    private readonly behind: () => void,
  ) {}

  /** Opens the first window (later calls do nothing). */
  run(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.open(this.progress());
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private open(p: Progress): void {
    if (this.stopped) return;
    this.windowFrom = p.moved;
    this.windowNeeds = Math.min(p.left, (this.floor.bytesPerSecond * this.floor.windowMs) / 1000);
    this.timer = setTimeout(() => this.close(), this.floor.windowMs);
    this.timer.unref();
  }

  private close(): void {
    this.timer = undefined;
    // Reading progress may settle what is watched (stopping this floor), so it goes first.
    const p = this.progress();
    if (this.stopped) return;
    if (p.moved - this.windowFrom >= this.windowNeeds) {
      this.open(p);
      return;
    }
    this.stop();
    this.behind();
  }
}
