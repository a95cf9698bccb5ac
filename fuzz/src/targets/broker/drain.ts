// Reading what the broker sends back to an attacker, so its stream never backs up.
import { type JsonU64, readFrames, type WireMessage } from '@felix/generated';
import type { ByteSource } from '@felix/transport';

/**
 * Reads a stream to its end, decoding only the first frame (the auth answer) and, when asked,
 * each `subscribed` answer after it (whose ids an event-stream attack attaches to).
 */
export class Drain {
  ended = false;
  readonly first: Promise<WireMessage | undefined>;
  /** Resolves with the subscription id of the next `subscribed` answer (when one is awaited). */
  private onSubscribed: ((id: JsonU64) => void) | undefined;

  constructor(source: ByteSource) {
    let resolveFirst!: (m: WireMessage | undefined) => void;
    this.first = new Promise((r) => (resolveFirst = r));
    let found = false;
    void (async () => {
      try {
        for await (const batch of readFrames(source)) {
          for (const { message: m } of batch) {
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
  nextSubscribed(): Promise<JsonU64> {
    return new Promise((resolve) => (this.onSubscribed = resolve));
  }
}
