// Gathers the answers to one read's worth of requests and hands them to the carrier as one
// write. Every write on TLS is its own record and syscall: with requests pipelined, a write per
// answer spent most of the broker's time in the socket layer rather than in the cache.
import type { ByteSink } from '@felix/transport';

export class CoalescingSink implements ByteSink {
  private frames: Uint8Array[] = [];
  private bytes = 0;

  constructor(private readonly sink: ByteSink) {}

  get bufferedBytes(): number {
    return this.sink.bufferedBytes + this.bytes;
  }

  /** Holds the frame until flush(). */
  write(chunk: Uint8Array): boolean {
    this.frames.push(chunk);
    this.bytes += chunk.length;
    return true;
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
