// `npm run bench`: Felix (each carrier) beside NATS, Redis and a plain TCP relay, all started
// here on loopback and measured with identical workloads in one run, so the ratios hold on a
// noisy shared machine; then acked durable publishes on Felix (its first carrier) beside
// JetStream with file storage and Redis with AOF; then a consumer group of 4 acknowledging 1 KiB
// records, Felix through the SDK beside a Redis Streams group and a JetStream work queue. Prints a markdown table and writes it, the JSON
// and one SVG chart per workload under bench/results/. `--quick` is the CI smoke test: short
// windows, no thresholds.
// Run: npm run bench [-- --quick] [--seconds 2] [--rounds 3] [--carriers tls,quic] [--deno-carriers quic,tls]
//      [--peers nats,redis,tcp-floor]
//      [--only latency,throughput,fanout,original,cache,durable,queues]
//      [--out bench/results/latest] [--cpu-prof DIR] [--broker-node-options '--max-semi-space-size=64']

import { fork } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCommandLine, usageError } from '@felix/command-line';
import type { CarrierName } from '@felix/testkit';
import { isDeno } from '@felix/transport/deno-quic';
import { cpuPressureTotalUs } from '../shared/cpu.js';
import { workloadInDeno, writeMeasurements } from './deno-workload.js';
import { DURABLE_PAYLOAD_BYTES, durableCases, durableStream } from './durable-plan.js';
import { type DurableTarget, durablePeers, startDurableTargets } from './durable-targets.js';
import { runLatencyPublisher } from './latency-publisher.js';
import { hottestFunctions } from './profile-summary.js';
import { Progress } from './progress.js';
import { QUEUE_ACK_WAIT_MS, QUEUE_CARRIERS, queueCases, queueStream, queueTargetNames } from './queue-plan.js';
import { queueConsume } from './queue-workload.js';
import { renderCharts } from './report/charts.js';
import { renderMarkdown } from './report/markdown.js';
import { type ComparisonReport, DENO_TARGET_PREFIX, type Row } from './results.js';
import { combineRounds, type Measurement } from './rounds.js';
import {
  durableRoot,
  killAllNow,
  type PeerServer,
  type Server,
  startFelix,
  startNats,
  startRedis,
  startTcpFloor,
} from './servers.js';
import type { Target, TargetSpec } from './targets/index.js';
import { REDIS_STREAM_MAX_ENTRIES } from './targets/redis.js';
import { serveTcpFloor } from './tcp-floor-server.js';
import { cache, durablePublish, LATENCY_BYTES, LATENCY_RATE, latency, type Timing, throughput } from './workloads.js';

const PEERS = ['nats', 'nats-tls', 'redis', 'redis-tls', 'tcp-floor'];

/** This program (its build in dist/), run again for the helper roles. */
const bundle = fileURLToPath(import.meta.url);

function fail(message: string): never {
  killAllNow();
  process.stderr.write(`\nbench: ${message.split('\n')[0]}\n`);
  process.exit(1);
}

const PUB_SUB_SHAPES = [
  { id: 'throughput', label: 'throughput 1 KiB', shape: { payloadBytes: 1024, subscribers: 1 } },
  { id: 'fanout', label: 'fanout 256 B ×10', shape: { payloadBytes: 256, subscribers: 10 } },
  { id: 'original', label: '4 KiB, batches of 64', shape: { payloadBytes: 4096, subscribers: 1, batch: 64 } },
] as const;
type PubSubWorkload = 'latency' | (typeof PUB_SUB_SHAPES)[number]['id'];

const drivenFromDeno = (t: Target) => t.spec.kind === 'felix' && t.spec.client === 'deno';

/**
 * One pub/sub workload against one target, measured in this process — or, for a target driven
 * from Deno, by this same program run under Deno in the `workload` role.
 */
async function pubSubWorkload(id: PubSubWorkload, t: Target, timing: Timing): Promise<Measurement[]> {
  if (drivenFromDeno(t) && !isDeno()) return workloadInDeno(bundle, id, t, timing);
  if (id === 'latency') {
    const topic = `lat-${t.name}`;
    const r = await latency(t, topic, timing, () =>
      fork(bundle, ['--role', 'latency-publisher', '--spec', JSON.stringify(t.spec), '--topic', topic], {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      }),
    );
    return [{ workload: 'latency', target: t.name, samplesUs: r.samplesUs, count: r.count, cpu: r.cpu }];
  }
  const { shape } = PUB_SUB_SHAPES.find((s) => s.id === id)!;
  const r = await throughput(t, `${id}-${t.name}`, shape, timing);
  return [{ workload: id, target: t.name, perSec: r.perSec, count: r.count, cpu: r.cpu }];
}

const WORKLOADS = ['latency', 'throughput', 'fanout', 'original', 'cache', 'durable', 'queues'];
/** Workloads with targets of their own, not one row per carrier and peer. */
const OWN_TARGETS = ['durable', 'queues'];

const { values } = parseCommandLine({
  name: 'bench',
  usage: `
Usage: npm run bench [-- options]

Felix (each carrier) beside NATS, Redis and a plain TCP relay, all started here on loopback and
measured with identical workloads in one run, then acked durable publishes (Felix on its first
carrier, JetStream with file storage, Redis with AOF), then a consumer group of 4 acknowledging
1 KiB records (Felix through the SDK on tls and quic, Redis Streams XREADGROUP/XACK, a JetStream
work queue). Prints a markdown table and writes it, the
JSON and one SVG chart per workload under --out.

Options:
  --quick                      the CI smoke test: short windows, one round, no thresholds, of the
                               durable rows only fsync on_commit with 64 in flight, of the queue
                               rows only 64 in flight per consumer
  --seconds <s>                measured seconds per workload and target (default 2; 0.4 with --quick)
  --warmup <s>                 unmeasured seconds first (default 1; 0.1 with --quick)
  --rounds <n>                 run the whole sequence n times (default 3; 1 with --quick)
  --carriers <list>            Felix carriers: tls,webtransport,quic (default all three)
  --deno-carriers <list>       carriers of a second Felix broker on the Deno host, measured as
                               felix-deno-<carrier> (default quic,tls; '' for none; none with --quick)
  --peers <list>               ${PEERS.join(',')} (default all)
  --only <list>                workloads: ${WORKLOADS.join(',')} (default all)
  --out <dir>                  where the results go (default bench/results/latest)
  --cpu-prof <dir>             write the broker's CPU profile there and summarise it
  --broker-node-options <opts> NODE_OPTIONS for the broker process
  -h, --help                   print this help

Exit codes: 0 done, 1 run-time failure, 2 usage error.`,
  config: {
    options: {
      quick: { type: 'boolean', default: false },
      seconds: { type: 'string' },
      warmup: { type: 'string' },
      rounds: { type: 'string' },
      carriers: { type: 'string', default: 'tls,webtransport,quic' },
      'deno-carriers': { type: 'string' },
      peers: { type: 'string', default: PEERS.join(',') },
      only: { type: 'string', default: WORKLOADS.join(',') },
      out: { type: 'string', default: 'bench/results/latest' },
      'cpu-prof': { type: 'string' },
      'broker-node-options': { type: 'string' },
      // internal: this program run as a helper process
      role: { type: 'string' },
      spec: { type: 'string' },
      topic: { type: 'string' },
      timing: { type: 'string' },
      workload: { type: 'string' },
    },
  },
});
const usage = (message: string) => usageError('bench', message);

async function main(): Promise<void> {
  const timing: Timing = {
    seconds: Number(values.seconds ?? (values.quick ? 0.4 : 2)),
    warmupSeconds: Number(values.warmup ?? (values.quick ? 0.1 : 1)),
  };
  if (!(timing.seconds > 0) || !(timing.warmupSeconds >= 0)) usage('--seconds must be > 0 and --warmup ≥ 0');
  const carrierList = (list: string) => {
    const out = list.split(',').filter(Boolean) as CarrierName[];
    for (const c of out)
      if (!['tls', 'webtransport', 'quic'].includes(c)) usage(`unknown carrier ${c} (tls, webtransport, quic)`);
    return out;
  };
  const carriers = carrierList(values.carriers);
  const denoCarriers = carrierList(values['deno-carriers'] ?? (values.quick ? '' : 'quic,tls'));
  const peers = values.peers.split(',').filter(Boolean);
  for (const p of peers) if (!PEERS.includes(p)) usage(`unknown peer ${p} (${PEERS.join(', ')})`);

  const only = new Set(values.only.split(',').filter(Boolean));
  for (const w of only) if (!WORKLOADS.includes(w)) usage(`unknown workload ${w} (${WORKLOADS.join(', ')})`);
  const rounds = Number(values.rounds ?? (values.quick ? 1 : 3));
  if (!Number.isInteger(rounds) || rounds < 1) usage('--rounds must be a whole number ≥ 1');
  const durable = only.has('durable') ? durableCases(values.quick) : [];
  const queues = only.has('queues') ? queueCases(values.quick) : [];
  const pubSubWorkloads = [...only].filter((w) => !OWN_TARGETS.includes(w)).length;
  const pubSubSteps =
    ((carriers.length + denoCarriers.length + peers.length) * pubSubWorkloads -
      (only.has('cache') && denoCarriers.includes('quic') ? 1 : 0)) *
    rounds;
  const queueTargetCount = queueTargetNames([...carriers.map((c) => `felix-${c}`), ...peers]).length;
  // at most: Felix and each peer's server, per case
  const steps =
    pubSubSteps + (durable.length * (1 + durablePeers(peers).length) + queues.length * queueTargetCount) * rounds;
  // Nothing may hang: past this the run is abandoned with an error, whatever it was doing.
  const budgetMs = values.quick ? 150_000 : 60_000 + steps * (timing.seconds + timing.warmupSeconds + 15) * 1000;
  setTimeout(() => fail(`gave up after ${Math.round(budgetMs / 1000)} s (a workload hung)`), budgetMs).unref();

  const startedAt = new Date().toISOString();
  const loadavgBefore = loadavg();
  const pressureBefore = cpuPressureTotalUs();
  const runStart = performance.now();
  const servers: Server[] = [];
  const measurements: Measurement[] = [];
  let round = 1;
  const targets: Target[] = [];
  const durableTargets: DurableTarget[] = [];
  const skippedRows: Row[] = [];
  const versions: Record<string, string> = {};
  const storage = durable.length > 0 ? durableRoot() : undefined;
  const profileDir = values['cpu-prof'] ? resolve(values['cpu-prof']) : undefined;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  try {
    process.stderr.write('starting servers…\n');
    const felix = await startFelix(carriers, {
      cpuProfileDir: profileDir,
      nodeOptions: values['broker-node-options'],
      durableRoot: storage?.dir,
    });
    servers.push(felix);
    versions.felix = `broker on ${felix.version}`;
    for (const carrier of carriers)
      targets.push({
        name: `felix-${carrier}`,
        spec: {
          kind: 'felix',
          carrier,
          port: felix.ports[carrier],
          fingerprint: felix.fingerprint,
          token: felix.token,
        },
        pid: felix.pid,
        gcSocket: felix.gcSocket,
      });
    if (denoCarriers.length > 0) {
      const deno = await startFelix(denoCarriers, { host: 'deno' });
      servers.push(deno);
      versions['felix on deno'] = deno.version;
      for (const carrier of denoCarriers)
        targets.push({
          name: `${DENO_TARGET_PREFIX}${carrier}`,
          spec: {
            kind: 'felix',
            carrier,
            port: deno.ports[carrier],
            fingerprint: deno.fingerprint,
            token: deno.token,
            ca: deno.ca,
            ...(carrier === 'quic' && { client: 'deno' as const }),
          },
          pid: deno.pid,
        });
    }
    for (const peer of peers) {
      const tls = peer.endsWith('-tls');
      const server: PeerServer = peer.startsWith('nats')
        ? await startNats({ tls })
        : peer.startsWith('redis')
          ? await startRedis({ tls })
          : await startTcpFloor(bundle);
      servers.push(server);
      versions[peer.replace('-tls', '')] = server.version;
      const tlsSpec = server.ca ? { tls: { ca: server.ca } } : {};
      const spec: TargetSpec =
        peer === 'tcp-floor'
          ? { kind: 'tcp', port: server.port }
          : { kind: peer.startsWith('nats') ? 'nats' : 'redis', port: server.port, ...tlsSpec };
      targets.push({ name: peer, spec, pid: server.pid, gcSocket: server.gcSocket });
    }
    if (storage) {
      const setup = await startDurableTargets({
        cases: durable,
        felix,
        felixTarget: targets[0],
        peers,
        root: storage.dir,
        servers,
      });
      durableTargets.push(...setup.targets);
      skippedRows.push(...setup.skipped);
      for (const [k, v] of Object.entries(setup.versions)) versions[k] ??= v;
    }
    const durableSteps = durable.reduce((n, c) => n + durableTargets.filter((t) => t.mode === c.mode).length, 0);
    const queueNames = queueTargetNames(targets.map((t) => t.name));
    const queueTargets = targets.filter((t) => queueNames.includes(t.name));
    const progress = new Progress(pubSubSteps + (durableSteps + queues.length * queueTargets.length) * rounds);

    // Workload by workload, every target in turn, and the whole sequence again each round: what
    // one ratio compares was measured close together in time, whatever else the machine did.
    const measure = async (label: string, target: Target, run: () => Promise<Measurement[]>) => {
      progress.start(`${rounds > 1 ? `round ${round}/${rounds} · ` : ''}${target.name} · ${label}`);
      try {
        measurements.push(...(await run()));
      } catch (err) {
        throw new Error(`${target.name}, ${label}: ${err instanceof Error ? err.message : String(err)}`);
      }
    };
    for (; round <= rounds; round++) {
      for (const t of only.has('latency') ? targets : [])
        await measure('pub→sub latency', t, () => pubSubWorkload('latency', t, timing));
      for (const { id, label } of PUB_SUB_SHAPES.filter((s) => only.has(s.id)))
        for (const t of targets) await measure(label, t, () => pubSubWorkload(id, t, timing));
      // The cache workload has no Deno-driven form; the Deno host's TLS row still measures it.
      for (const t of only.has('cache') ? targets.filter((x) => !drivenFromDeno(x)) : [])
        await measure('cache', t, async () => {
          const r = await cache(t, timing);
          const sequential = { target: t.name, count: r.sequentialOps, cpu: r.sequentialCpu };
          return [
            { workload: 'cacheGet', samplesUs: r.getSamplesUs, ...sequential },
            { workload: 'cacheSet', samplesUs: r.setSamplesUs, ...sequential },
            { workload: 'cacheInFlight', target: t.name, ...r.inFlight },
          ];
        });
      for (const c of durable)
        for (const t of durableTargets.filter((d) => d.mode === c.mode))
          await measure(`durable ${c.mode}, ${c.inFlight} in flight`, t, async () => {
            const r = await durablePublish(t, durableStream(c), c.inFlight, DURABLE_PAYLOAD_BYTES, timing);
            const { perSec, samplesUs, count, cpu } = r;
            return [{ workload: c.workload, target: t.name, perSec, samplesUs, count, cpu }];
          });
      for (const c of queues)
        for (const t of queueTargets)
          await measure(`queue, ${c.inFlight} in flight per consumer`, t, async () => {
            const r = await queueConsume(t, c, queueStream(c, t.name, round), timing);
            if (r.duplicates > 0)
              progress.note(`${t.name}, ${c.workload}: ${r.duplicates} records acknowledged a second time`);
            const { perSec, samplesUs, count, cpu } = r;
            return [{ workload: c.workload, target: t.name, perSec, samplesUs, count, cpu }];
          });
    }
    progress.done();
  } finally {
    await Promise.all(servers.map((s) => s.stop().catch(() => {})));
  }

  const rows = [...combineRounds(measurements), ...skippedRows];
  const wallUs = (performance.now() - runStart) * 1000;
  const pressureAfter = cpuPressureTotalUs();
  const report: ComparisonReport = {
    startedAt,
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    seconds: timing.seconds,
    warmupSeconds: timing.warmupSeconds,
    rounds,
    machine: {
      cores: cpus().length,
      cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
      node: process.version,
      loadavgBefore,
      loadavgAfter: loadavg(),
      cpuPressurePct:
        pressureBefore === undefined || pressureAfter === undefined
          ? undefined
          : (100 * (pressureAfter - pressureBefore)) / wallUs,
    },
    versions,
    targets: [...new Set([...targets, ...durableTargets].map((t) => t.name))],
    rows,
    notes: notesFor(timing, values['broker-node-options'], storage?.description, denoCarriers, queues.length > 0),
  };
  const outDir = resolve(values.out);
  mkdirSync(outDir, { recursive: true });
  const markdown = renderMarkdown(report);
  writeFileSync(join(outDir, 'results.md'), markdown);
  writeFileSync(join(outDir, 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
  for (const [file, svg] of renderCharts(report)) writeFileSync(join(outDir, file), svg);
  process.stdout.write(`\n${markdown}\nWritten to ${relative(process.cwd(), outDir) || '.'}/\n`);
  if (profileDir) printProfiles(profileDir);
}

function notesFor(
  timing: Timing,
  brokerNodeOptions: string | undefined,
  durableData: string | undefined,
  denoCarriers: CarrierName[],
  queueRows: boolean,
): string[] {
  const notes = [
    `Felix is driven through the wire client of bench:broker (generated codec over @felix/transport, every carrier; publishes of one turn go out as one binary_publish_batch, as the SDK does); NATS through nats.js, Redis through ioredis with auto-pipelining. Felix's TLS carrier encrypts; nats and redis run plain TCP, as they do by default, and nats-tls and redis-tls are the same servers over TLS with a self-signed certificate; the floor is plain TCP.`,
    `Latency: a child process publishes ${LATENCY_BYTES} B stamped with its send time at ${LATENCY_RATE.toLocaleString('en-US')} msg/s; the subscriber is the benchmark process. Throughput is closed-loop: the publisher stays at most 1,024 messages ahead of the slowest subscriber, so no server is pushed into its overload policy.`,
    'Cache: sequential set then get of 100 keys (64 B values); then gets with 64 in flight. NATS uses a JetStream key-value bucket with memory storage on `nats-server -js`; the floor echoes 64 B.',
  ];
  if (durableData)
    notes.push(
      `Durable publishes: 1 KiB payloads over one connection, each publisher awaiting its acknowledgement before it publishes again, 1 or 64 publishes in flight. Felix (its first carrier only): a durable stream per row with the row's fsync mode (periodic: every 250 ms, the default), registered with the admin request, one acked binary_publish_batch of one payload per publish. JetStream: a stream with file storage, \`js.publish\` awaiting each PubAck, on a nats-server of its own per sync setting. Redis: XADD (trimmed with MAXLEN ~ ${REDIS_STREAM_MAX_ENTRIES.toLocaleString('en-US')}, as Redis keeps a stream in memory) awaiting each reply, on a redis-server of its own per appendfsync setting, no snapshots. Felix none has no JetStream peer: JetStream has no setting that never fsyncs. Data of every system under ${durableData}, removed afterwards.`,
    );
  if (denoCarriers.length > 0)
    notes.push(
      `felix-deno-* is a second broker, the same build on the Deno host (${denoCarriers.join(', ')}). Its QUIC is driven from Deno processes (this program under Deno, quinn's client, no ALPN), since the Node client's QUIC (quiche) keeps its own core busy long before the broker's; their latency stamps read CLOCK_MONOTONIC through Deno's FFI, the clock Node's hrtime reads, since Deno's hrtime counts from each process's start and its performance.timeOrigin follows a wall clock this machine slews. Its TLS is driven from Node like every other target.`,
    );
  if (queueRows)
    notes.push(
      `Queues: one consumer group of 4 consumers, each on a connection of its own, acknowledging every 1 KiB record it is handed at once (not waiting for earlier acks), with 64 or 1 records unacknowledged per consumer at most; one publisher in the same process keeps the stream fed, at most twice what the consumers may hold ahead of the acknowledgements. acked/s counts records whose ack the server confirmed; publish→ack latency runs from the publish call to that confirmation arriving at the consumer, so it includes the wait in the backlog. Felix (${QUEUE_CARRIERS.join(' and ')}): the SDK, client.publish without ack and client.consume with ack(), which resolves on group_acked; an ephemeral stream. Redis: XADD (MAXLEN ~ ${REDIS_STREAM_MAX_ENTRIES.toLocaleString('en-US')}); each consumer XREADGROUP GROUP g cN COUNT n BLOCK 200, then one XACK per entry and its next read in one pipelined write (ioredis auto-pipelining); the confirmation is XACK's reply. JetStream: a work-queue stream in memory, core publishes to its subject, one durable pull consumer (explicit ack, max_ack_pending 4n) shared by 4 clients calling consume({ max_messages: n }); the confirmation is ackAck's reply. Ack wait ${QUEUE_ACK_WAIT_MS / 1000} s everywhere, so nothing is redelivered in a healthy run; a run fails if a published record is never acknowledged.`,
    );
  if (brokerNodeOptions) notes.push(`The Felix broker ran with NODE_OPTIONS=${brokerNodeOptions}, not its defaults.`);
  if (timing.seconds < 1) notes.push('Quick run: windows too short for stable tails; a smoke test, not a measurement.');
  return notes;
}

function printProfiles(dir: string): void {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    process.stdout.write(`\nBroker CPU profile ${join(dir, file)} — self time, % of busy samples:\n`);
    for (const f of hottestFunctions(join(dir, file)))
      process.stdout.write(`  ${f.selfPct.toFixed(1).padStart(5)} %  ${f.name}  ${f.where}\n`);
  }
}

if (values.role === 'tcp-floor-server') {
  serveTcpFloor((port) => process.send!(port));
  process.once('disconnect', () => process.exit(0));
} else if (values.role === 'workload') {
  if (!values.spec || !values.workload || !values.timing)
    fail('the workload role needs --spec, --workload and --timing');
  const measured = await pubSubWorkload(
    values.workload as PubSubWorkload,
    JSON.parse(values.spec),
    JSON.parse(values.timing),
  );
  writeMeasurements(measured);
  process.exit(0);
} else if (values.role === 'latency-publisher') {
  if (!values.spec || !values.topic) fail('latency publisher needs --spec and --topic');
  await runLatencyPublisher(JSON.parse(values.spec), values.topic, LATENCY_RATE, LATENCY_BYTES);
} else {
  process.once('SIGINT', () => fail('interrupted'));
  process.once('SIGTERM', () => fail('terminated'));
  try {
    await main();
    process.exit(0);
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
}
