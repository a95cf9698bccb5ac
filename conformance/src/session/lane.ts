// One bidirectional stream as an upstream client holds it: frames out, and an inbox of the
// frames that come back, each awaited with a deadline.
import { encodeFrame, readFrames, type WireError, type WireMessage } from '@felix/generated';
import type { BidiStream, ByteSource } from '@felix/transport';

/** How long a scenario waits for any one answer. */
export const ANSWER_TIMEOUT_MS = 5000;

export class Inbox {
  private readonly queue: (WireMessage | WireError)[] = [];
  private wake: (() => void) | undefined;
  ended = false;
  failure: unknown;

  constructor(source: ByteSource) {
    void (async () => {
      try {
        for await (const batch of readFrames(source, { skipBadFlags: true })) {
          for (const f of batch) this.queue.push(f.error ?? f.message);
          this.wake?.();
        }
      } catch (err) {
        this.failure = err;
      }
      this.ended = true;
      this.wake?.();
    })();
  }

  /** The next frame (a WireError when it could not be decoded), or why none came. */
  async next(timeoutMs = ANSWER_TIMEOUT_MS): Promise<WireMessage | WireError> {
    const deadline = Date.now() + timeoutMs;
    while (this.queue.length === 0) {
      if (this.ended) throw new Error(`the stream ended${this.failure ? ` (${String(this.failure)})` : ''}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no answer within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return this.queue.shift()!;
  }

  /** The next frame, which must be a `type`. */
  async expect<T extends WireMessage['type']>(type: T, timeoutMs?: number): Promise<Extract<WireMessage, { type: T }>> {
    const m = await this.next(timeoutMs);
    if (!('type' in m) || m.type !== type) throw new Error(`expected ${type}, got ${describe(m)}`);
    return m as Extract<WireMessage, { type: T }>;
  }

  /** Resolves once the peer has finished the stream. */
  async finished(timeoutMs = ANSWER_TIMEOUT_MS): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.ended || this.queue.length > 0) {
      if (this.queue.length > 0) throw new Error(`expected the stream to end, got ${describe(this.queue[0]!)}`);
      if (Date.now() > deadline) throw new Error(`the stream did not end within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

export function describe(m: WireMessage | WireError): string {
  if (!('type' in m)) return `an undecodable frame (${m.code})`;
  return JSON.stringify(m, (_, v) =>
    typeof v === 'bigint' ? `${v}n` : v instanceof Uint8Array ? `<${v.length} bytes>` : v,
  );
}

export class Lane {
  readonly inbox: Inbox;

  constructor(readonly stream: BidiStream) {
    this.inbox = new Inbox(stream.readable);
  }

  send(m: WireMessage): void {
    this.stream.writable.write(encodeFrame(m));
  }

  sendRaw(bytes: Uint8Array): void {
    this.stream.writable.write(bytes);
  }
}
