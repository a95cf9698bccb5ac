// felix sub <stream>: prints one line per record as it arrives, from where --from says, until
// --count records were printed, --timeout passed without them, or the user stops it. Records the
// subscription will never see (the broker dropped them, or they aged out while reconnecting) are
// reported on stderr as they are found.
import type { Gap, StartPosition } from '@felix/client';
import { type ConnectionFlags, openClient, reportReconnects } from '../connection.js';
import { type Encoding, encodeForOutput } from '../encoding.js';
import { CliFailure } from '../errors.js';

export interface SubFlags extends ConnectionFlags {
  from: StartPosition;
  count?: number;
  wait?: number;
  encoding: Encoding;
  offsets?: boolean;
  quiet?: boolean;
}

export function describeGap(gap: Gap): string {
  const where = gap.from === undefined ? '' : ` from offset ${gap.from}`;
  const what =
    gap.count === undefined ? 'an unknown number of records' : `${gap.count} record${gap.count === 1 ? '' : 's'}`;
  const why = {
    dropped: 'the broker dropped them (this subscriber fell behind)',
    overflow: 'the client dropped them (output could not keep up)',
    retention: 'they left the broker log before the subscription resumed',
    reset: "the broker's log restarted",
    drain: 'the broker shut down before delivering them',
    epoch: gap.epoch
      ? `the stream's log is a new epoch (${gap.epoch.previous} before, ${gap.epoch.current} now); resuming from its oldest record`
      : "the stream's log is a new epoch; resuming from its oldest record",
  }[gap.reason];
  return `gap: missed ${what}${where}: ${why}`;
}

export async function sub(stream: string, flags: SubFlags): Promise<void> {
  const client = await openClient(flags);
  // The client resumes the subscription by itself; say so.
  if (!flags.quiet) reportReconnects(client, 'reconnected; resuming the subscription');
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const subscription = await client.subscribe(stream, {
      start: flags.from,
      onGap: (gap) => process.stderr.write(`${describeGap(gap)}\n`),
    });
    if (!flags.quiet) {
      const at = subscription.position === undefined ? '' : ` at offset ${subscription.position}`;
      process.stderr.write(`subscribed to ${flags.tenant}/${flags.namespace}/${stream}${at}\n`);
    }
    let printed = 0;
    let deadline: Promise<never> | undefined;
    if (flags.wait !== undefined) {
      const limit = flags.wait;
      deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          const of = flags.count === undefined ? '' : ` of ${flags.count}`;
          reject(new CliFailure(`--wait: ${printed}${of} records within ${limit} ms`));
        }, limit);
      });
      // Raced below on every read; this keeps a rejection between reads from counting as unhandled.
      deadline.catch(() => {});
    }
    while (flags.count === undefined || printed < flags.count) {
      const next = deadline ? await Promise.race([subscription.next(), deadline]) : await subscription.next();
      if (next.done) break;
      const payload = encodeForOutput(next.value.payload, flags.encoding);
      process.stdout.write(flags.offsets ? `${next.value.offset ?? '-'}\t${payload}\n` : `${payload}\n`);
      printed++;
    }
    await subscription.close();
  } finally {
    clearTimeout(timer);
    await client.close({ flushTimeoutMs: 0 });
  }
}
