// `npm run demo:latency`: a small `felix bench` matrix (it starts a broker of its own), then what
// the numbers say: what batching buys in throughput and what fanout costs in latency.
import { formatTable } from '../bench/report.js';
import { type BenchFlags, runBench } from '../commands/bench.js';

const flags: BenchFlags = {
  sizes: [64, 4096],
  fanout: [1, 4],
  batch: [1, 16],
  messages: 1000,
  warmup: 100,
  window: 1,
  ack: false,
  stream: 'demo',
  carrier: 'tls',
  json: false,
  external: false,
  url: '',
  tenant: 't1',
  namespace: 'default',
  timeout: 10_000,
};

const title = 'Felix demo: latency';
process.stdout.write(`${title}\n${'='.repeat(title.length)}\n\n`);
process.stdout.write(
  'A broker starts on ephemeral ports; one publisher and up to four subscribers connect over TLS.\n' +
    'In every cell the publisher sends a batch, waits until every subscriber has it, and sends the next;\n' +
    'each delivery is timed from just before its publish to its arrival at the subscriber.\n\n',
);

try {
  const report = await runBench(flags);
  process.stdout.write(`${formatTable(report.cells)}\n`);
  process.stdout.write(`same matrix from the CLI: ${report.command}\n\n`);
  const cell = (size: number, fanout: number, batch: number) =>
    report.cells.find((c) => c.size === size && c.fanout === fanout && c.batch === batch)!;
  const single = cell(64, 1, 1);
  const batched = cell(64, 1, 16);
  const wide = cell(64, 4, 1);
  const big = cell(4096, 1, 1);
  process.stdout.write('What it shows (ratios within this run; absolute numbers depend on the machine):\n');
  process.stdout.write(
    `- batching 16 messages per publish moved ${(batched.msgsPerSec / single.msgsPerSec).toFixed(1)}× as many messages per second ` +
      `(${single.msgsPerSec.toLocaleString('en-US')} → ${batched.msgsPerSec.toLocaleString('en-US')}), ` +
      `at p50 ${Math.round(single.latencyUs.p50)} → ${Math.round(batched.latencyUs.p50)} µs per message\n`,
  );
  process.stdout.write(
    `- four subscribers instead of one: p50 ${Math.round(single.latencyUs.p50)} → ${Math.round(wide.latencyUs.p50)} µs, ` +
      `${wide.deliveriesPerSec.toLocaleString('en-US')} deliveries/s\n`,
  );
  process.stdout.write(
    `- 4 KiB instead of 64 B payloads: p50 ${Math.round(single.latencyUs.p50)} → ${Math.round(big.latencyUs.p50)} µs\n`,
  );
  const gaps = report.cells.reduce((sum, c) => sum + c.gaps, 0);
  process.stdout.write(`- records lost across the matrix: ${gaps}\n`);
  process.exit(0);
} catch (err) {
  process.stderr.write(`demo failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
