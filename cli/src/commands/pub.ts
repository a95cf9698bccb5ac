// felix pub <stream> [message...]: publishes each argument, or each line of stdin when there is
// none, in order. Publishes are pipelined rather than sent one round trip at a time; the first
// refusal stops the run.
import { createInterface } from 'node:readline';
import type { FelixClient } from '@felix/client';
import { type ConnectionFlags, openClient } from '../connection.js';
import { decodeArgument, type Encoding } from '../encoding.js';

export interface PubFlags extends ConnectionFlags {
  ack: boolean;
  batch: number;
  encoding: Encoding;
  quiet?: boolean;
}

/** Publishes allowed in flight before the reader waits for them: bounds memory on a big stdin. */
const MAX_IN_FLIGHT = 1024;

async function* linesOf(input: NodeJS.ReadableStream): AsyncGenerator<string> {
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY, terminal: false });
  for await (const line of lines) yield line;
}

async function* fromArray(items: readonly string[]): AsyncGenerator<string> {
  yield* items;
}

class Pipeline {
  private readonly inFlight = new Set<Promise<void>>();
  private failure: unknown;

  constructor(
    private readonly client: FelixClient,
    private readonly stream: string,
    private readonly ack: boolean,
  ) {}

  async send(payloads: Uint8Array[]): Promise<void> {
    if (this.failure !== undefined) throw this.failure;
    const sent =
      payloads.length === 1
        ? this.client.publish(this.stream, payloads[0], { ack: this.ack })
        : this.client.publishBatch(this.stream, payloads, { ack: this.ack });
    const tracked = sent.then(
      () => {
        this.inFlight.delete(tracked);
      },
      (err: unknown) => {
        this.inFlight.delete(tracked);
        this.failure ??= err;
      },
    );
    this.inFlight.add(tracked);
    if (this.inFlight.size >= MAX_IN_FLIGHT) await this.drain();
  }

  async drain(): Promise<void> {
    await Promise.all(this.inFlight);
    await this.client.flush();
    if (this.failure !== undefined) throw this.failure;
  }
}

export async function pub(stream: string, messages: string[], flags: PubFlags): Promise<void> {
  const client = await openClient(flags);
  try {
    const pipeline = new Pipeline(client, stream, flags.ack);
    const source = messages.length > 0 ? fromArray(messages) : linesOf(process.stdin);
    let group: Uint8Array[] = [];
    let count = 0;
    for await (const text of source) {
      group.push(decodeArgument(text, flags.encoding));
      count++;
      if (group.length >= flags.batch) {
        await pipeline.send(group);
        group = [];
      }
    }
    if (group.length > 0) await pipeline.send(group);
    await pipeline.drain();
    if (!flags.quiet) {
      const how = flags.ack ? 'acknowledged' : 'sent, not acknowledged';
      process.stderr.write(
        `published ${count} message${count === 1 ? '' : 's'} to ${flags.tenant}/${flags.namespace}/${stream} (${how})\n`,
      );
    }
  } finally {
    await client.close({ flushTimeoutMs: flags.timeout });
  }
}
