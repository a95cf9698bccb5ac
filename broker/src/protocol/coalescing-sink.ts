// Gathers the answers to one read's worth of requests and hands them to the carrier as one
// write. Every write on TLS is its own record and syscall: with requests pipelined, a write per
// answer spent most of the broker's time in the socket layer rather than in the cache.
// Large frames are not joined: that would only copy them, and what is held here is not yet
// counted as queued for the carrier.
import type { ByteSink } from '@felix/transport';

/** Frames this large go to the carrier at once; held frames go once they add up to it. */
export const JOIN_LIMIT_BYTES = 64 * 1024;

export class CoalescingSink implements ByteSink {
  private frames: Uint8Array[] = [];
  private bytes = 0;

  constructor(private readonly sink: ByteSink) {}

  get bufferedBytes(): number {
    return this.sink.bufferedBytes + this.bytes;
  }

  /** Holds a small frame until flush(); writes a large one (after what is held) at once. */
  write(chunk: Uint8Array): boolean {
    if (chunk.length >= JOIN_LIMIT_BYTES) {
      this.flush();
      return this.sink.write(chunk);
    }
    this.frames.push(chunk);
    this.bytes += chunk.length;
    return this.bytes >= JOIN_LIMIT_BYTES ? this.flush() : true;
  }

  /** Writes what is held as one chunk; returns what the carrier's write returned. */
  flush(): boolean {
    const { frames, bytes } = this;
    if (frames.length === 0) return true;
    this.frames = [];
    this.bytes = 0;
    if (frames.length === 1) return this.sink.write(frames[0]);
    const joined = new Uint8Array(bytes);
    let at = 0;
    for (const f of frames) {
      joined.set(f, at);
      at += f.length;
    }
    return this.sink.write(joined);
  }

  drained(): Promise<void> {
    return this.sink.drained();
  }

  end(): Promise<void> {
    this.flush();
    return this.sink.end();
  }

  reset(code: number): void {
    this.frames = [];
    this.bytes = 0;
    this.sink.reset(code);
  }
}
