// felix consume <stream> --group <name>: one consumer of a consumer group. Prints one line per
// record it is handed and acknowledges the record once the line is written, so a record counts
// as done only after it was printed. With --count it exits 0 once that many acknowledgements
// were confirmed by the broker; a record whose ack could not be confirmed (the connection went
// meanwhile) is delivered again and printed again, as at-least-once delivery allows.
import type { ConsumerMessage, GroupStart } from '@felix/client';
import { type ConnectionFlags, openClient, reportReconnects } from '../connection.js';
import { type Encoding, encodeForOutput } from '../encoding.js';
import { CliFailure } from '../errors.js';

export interface ConsumeFlags extends ConnectionFlags {
  group: string;
  from: GroupStart;
  count?: number;
  ackWait?: number;
  maxInFlight?: number;
  wait?: number;
  encoding: Encoding;
  offsets?: boolean;
  quiet?: boolean;
}

/**
 * Acks in flight, and how many the broker confirmed. Acks are not awaited one by one: the
 * records after one are printed while its confirmation travels, and acks made together go out
 * as one frame.
 */
class AckTally {
  confirmed = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private failure: unknown;

  constructor(private readonly quiet: boolean) {}

  get pending(): number {
    return this.inFlight.size;
  }

  track(message: ConsumerMessage): void {
    const acked = message.ack().then(
      () => {
        this.confirmed++;
      },
      (err: unknown) => {
        // The broker took the record back with the session that delivered it, and hands it out
        // again; anything else ends the command.
        if ((err as { code?: string }).code === 'stale_delivery') {
          if (!this.quiet) process.stderr.write(`offset ${message.offset} was not acknowledged; it comes again\n`);
          return;
        }
        this.failure ??= err;
      },
    );
    this.inFlight.add(acked);
    void acked.finally(() => this.inFlight.delete(acked));
  }

  /** Resolves once one more ack settled; throws a failure any ack met. */
  async one(): Promise<void> {
    if (this.inFlight.size > 0) await Promise.race(this.inFlight);
    this.check();
  }

  async all(): Promise<void> {
    await Promise.all(this.inFlight);
    this.check();
  }

  check(): void {
    if (this.failure !== undefined) throw this.failure;
  }
}

export async function consume(stream: string, flags: ConsumeFlags): Promise<void> {
  const client = await openClient(flags);
  if (!flags.quiet) reportReconnects(client, 'reconnected; joining the group again');
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tally = new AckTally(flags.quiet ?? false);
  try {
    const consumer = await client.consume(stream, {
      group: flags.group,
      start: flags.from,
      ackWaitMs: flags.ackWait,
      maxInFlight: flags.maxInFlight,
    });
    if (!flags.quiet) {
      const p = consumer.position;
      const where = p
        ? ` (${p.created ? 'created; ' : ''}committed offset ${p.committedOffset}, tail ${p.tailOffset})`
        : '';
      process.stderr.write(`joined group ${flags.group} on ${flags.tenant}/${flags.namespace}/${stream}${where}\n`);
    }
    let deadline: Promise<never> | undefined;
    if (flags.wait !== undefined) {
      const limit = flags.wait;
      deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          const of = flags.count === undefined ? '' : ` of ${flags.count}`;
          reject(new CliFailure(`--wait: ${tally.confirmed}${of} records acknowledged within ${limit} ms`));
        }, limit);
      });
      // Raced below on every wait; this keeps a rejection between waits from counting as unhandled.
      deadline.catch(() => {});
    }
    const race = <T>(p: Promise<T>): Promise<T> => (deadline ? Promise.race([p, deadline]) : p);
    const count = flags.count;
    while (count === undefined || tally.confirmed < count) {
      // Never more records out than acknowledgements still missing: each one printed counts.
      if (count !== undefined && tally.confirmed + tally.pending >= count) {
        await race(tally.one());
        continue;
      }
      tally.check();
      const next = await race(consumer.next());
      if (next.done) break;
      const message = next.value;
      const payload = encodeForOutput(message.payload, flags.encoding);
      process.stdout.write(flags.offsets ? `${message.offset}\t${payload}\n` : `${payload}\n`);
      tally.track(message);
    }
    await race(tally.all());
    await consumer.close();
  } finally {
    clearTimeout(timer);
    await client.close({ flushTimeoutMs: 0 });
  }
}
