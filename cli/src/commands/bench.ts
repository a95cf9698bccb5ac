// felix bench: the latency matrix (bench/matrix.ts) against a broker: one started for the run
// as a child process on ephemeral loopback ports (so the broker does not share this process's
// event loop with the clients it is measured by), or the one --url names.

import { type ConnectOptions, connect, type FelixClient, parseUrl } from '@felix/client';
import { type BrokerProcess, startBrokerProcess } from '@felix/testkit';
import cliProgress from 'cli-progress';
import { type CellResult, cellsOf, describeCell, HEADER_BYTES, runCell } from '../bench/matrix.js';
import { formatTable } from '../bench/report.js';
import { type ConnectionFlags, connectOptions } from '../connection.js';
import { UsageError } from '../errors.js';
import { BENCH_CARRIERS, type BenchCarrier } from './bench-carriers.js';

const BROKER_CARRIER_NAMES: Record<BenchCarrier, string> = { tls: 'tls', wt: 'webtransport', quic: 'quic' };

/** What the matrix measures: the part of the flags a report repeats. */
export interface BenchMatrix {
  sizes: number[];
  fanout: number[];
  batch: number[];
  messages: number;
  warmup: number;
  window: number;
  ack: boolean;
}

export interface BenchFlags extends ConnectionFlags, BenchMatrix {
  stream: string;
  carrier: BenchCarrier;
  json: boolean;
  /** The broker at --url (or FELIX_URL) rather than one started for the run. */
  external: boolean;
  /** Show a progress bar (on stderr, when it is a terminal). */
  progress?: boolean;
}

export interface BenchReport {
  command: string;
  broker: { url: string; embedded: boolean };
  matrix: BenchMatrix;
  cells: CellResult[];
}

/** Runs the matrix and returns the report; prints nothing. */
export async function runBench(
  flags: BenchFlags,
  onProgress?: (cell: string, messages: number) => void,
): Promise<BenchReport> {
  if (flags.sizes.some((s) => s < HEADER_BYTES))
    throw new UsageError(`--sizes: every payload needs at least ${HEADER_BYTES} bytes (its header)`);
  let broker: BrokerProcess | undefined;
  const clients: FelixClient[] = [];
  try {
    let url: string;
    let options: ConnectOptions;
    if (flags.external) {
      url = flags.url;
      options = connectOptions(flags);
    } else {
      broker = await startBrokerProcess({ FELIX_CARRIERS: 'tls,webtransport,quic', FELIX_LOG_LEVEL: 'warn' });
      const port = broker.ports[BROKER_CARRIER_NAMES[flags.carrier]];
      if (port === undefined) throw new UsageError(`--carrier ${flags.carrier}: the broker does not serve it here`);
      url = `${BENCH_CARRIERS[flags.carrier]}://127.0.0.1:${port}`;
      try {
        parseUrl(url);
      } catch (err) {
        throw new UsageError(`--carrier ${flags.carrier}: ${(err as Error).message}`);
      }
      options = {
        certSha256: broker.fingerprint,
        tenant: flags.tenant,
        namespace: flags.namespace,
        token: flags.token ?? broker.token,
      };
    }
    // Bigger than any batch the matrix sends, so the SDK never splits one.
    const batchBytes = Math.max(...flags.batch) * (Math.max(...flags.sizes) + 8) + 1024;
    const open = () =>
      connect(url, {
        ...options,
        connectTimeoutMs: flags.timeout,
        requestTimeoutMs: flags.timeout,
        batch: { maxMessages: Math.max(...flags.batch), maxBytes: batchBytes },
      });
    const publisher = await open();
    clients.push(publisher);
    const maxFanout = Math.max(...flags.fanout);
    for (let i = 0; i < maxFanout; i++) clients.push(await open());
    const subscribers = clients.slice(1);
    const cells: CellResult[] = [];
    for (const spec of cellsOf(flags.sizes, flags.fanout, flags.batch)) {
      const label = describeCell(spec);
      cells.push(
        await runCell(
          publisher,
          subscribers,
          spec,
          {
            stream: flags.stream,
            messages: flags.messages,
            warmup: flags.warmup,
            window: flags.window,
            ack: flags.ack,
            stallMs: flags.timeout,
          },
          (n) => onProgress?.(label, n),
        ),
      );
    }
    return {
      command: `felix bench ${commandLine(flags)}`,
      broker: { url, embedded: !flags.external },
      matrix: matrixOf(flags),
      cells,
    };
  } finally {
    await Promise.all(clients.map((c) => c.close({ flushTimeoutMs: 1000 })));
    if (broker) await broker.stop();
  }
}

function matrixOf({ sizes, fanout, batch, messages, warmup, window, ack }: BenchMatrix): BenchMatrix {
  return { sizes, fanout, batch, messages, warmup, window, ack };
}

/** The options that reproduce a run. */
function commandLine(flags: BenchFlags): string {
  return [
    `--sizes ${flags.sizes.join(',')}`,
    `--fanout ${flags.fanout.join(',')}`,
    `--batch ${flags.batch.join(',')}`,
    `--messages ${flags.messages}`,
    `--warmup ${flags.warmup}`,
    `--window ${flags.window}`,
    ...(flags.ack ? ['--ack'] : []),
    ...(flags.external ? [`--url ${flags.url}`] : [`--carrier ${flags.carrier}`]),
  ].join(' ');
}

/** Messages one cell sends, warm-up included, as runCell rounds them. */
function cellMessages(flags: BenchFlags, batch: number): number {
  return (Math.ceil(flags.warmup / batch) + Math.max(1, Math.ceil(flags.messages / batch))) * batch;
}

/** `felix bench`: runs the matrix with a progress bar and prints the table (or JSON). */
export async function bench(flags: BenchFlags): Promise<void> {
  const cells = cellsOf(flags.sizes, flags.fanout, flags.batch);
  const total = cells.reduce((sum, c) => sum + cellMessages(flags, c.batch), 0);
  const showBar = (flags.progress ?? true) && process.stderr.isTTY;
  const bar = new cliProgress.SingleBar(
    {
      format: 'bench |{bar}| {percentage}% {value}/{total} messages | {cell}',
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  if (showBar) bar.start(total, 0, { cell: 'starting the broker' });
  let done = 0;
  let report: BenchReport;
  try {
    report = await runBench(flags, (cell, n) => {
      done += n;
      if (showBar) bar.update(done, { cell });
    });
  } finally {
    if (showBar) bar.stop();
  }
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  const where = report.broker.embedded ? `a broker started for the run (${report.broker.url})` : report.broker.url;
  const m = report.matrix;
  process.stdout.write(
    `latency from publish to delivery against ${where}; ${m.messages} measured messages per cell after ${m.warmup} warm-up, ` +
      `${m.window} batch${m.window === 1 ? '' : 'es'} in flight, ${m.ack ? 'acknowledged' : 'unacknowledged'} publishes\n`,
  );
  process.stdout.write(`${formatTable(report.cells)}\n`);
  process.stdout.write(`reproduce: ${report.command}\n`);
}
