// `npm run fuzz [-- --seconds N --seed S --targets roundtrip,mutate,broker,auth --workers W --no-regressions]`
// Runs the fuzz targets one after another within a fixed total budget and ends with the line
// `N passed, N failed` (one per target) that CI reads. The decoder targets are CPU-bound and
// run in one worker thread per core; the live-broker targets (broker, auth) run here, one after
// the other, each with a broker process of its own.
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { parseCommandLine, usageError } from '@felix/command-line';
import { loadSpec } from '@felix/spec';
import { type Failure, FailureLog } from './failures.js';
import { REGRESSIONS_DIR, SPEC_DIR } from './paths.js';
import type { TargetContext, TargetResult } from './targets/common.js';
import { runMutate } from './targets/mutate.js';
import { runRoundtrip } from './targets/roundtrip.js';

type DecoderTarget = 'roundtrip' | 'mutate';
type LiveTarget = 'broker' | 'auth';
// Loaded when run: decoder workers load this file too, and the live targets' imports (the test
// kit, the broker's auth module) would cost each of them start-up time taken from its budget.
const LIVE_TARGETS: Record<LiveTarget, { run: (ctx: TargetContext) => Promise<TargetResult>; unit: string }> = {
  broker: { run: async (ctx) => (await import('./targets/broker/index.js')).runBroker(ctx), unit: 'frames' },
  auth: { run: async (ctx) => (await import('./targets/auth/index.js')).runAuth(ctx), unit: 'sessions' },
};
const isLive = (t: string): t is LiveTarget => Object.hasOwn(LIVE_TARGETS, t);

interface Job {
  seed: number;
  regressions: string | undefined;
  /** Targets in order, each until a wall-clock time (Date.now()), so start-up eats no extra time. */
  plan: { name: DecoderTarget; until: number }[];
}

interface JobDone {
  results: TargetResult[];
  failures: Failure[];
  written: string[];
}

function runJob(job: Job): JobDone {
  // Every rejected input builds an error in each decoder, and capturing its stack costs more
  // than the decode; failures are reported by code and input, so the stacks are not needed.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return runPlan(job);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function runPlan(job: Job): JobDone {
  const failures = new FailureLog(job.regressions);
  const spec = loadSpec(SPEC_DIR);
  const results = job.plan.map(({ name, until }) => {
    const ctx: TargetContext = { spec, seed: job.seed, failures, budgetMs: Math.max(0, until - Date.now()) };
    return name === 'roundtrip' ? runRoundtrip(ctx) : runMutate(ctx);
  });
  return { results, failures: failures.failures, written: failures.written };
}

/** Worker w's seed: distinct per worker, fixed by the run's seed. */
const workerSeed = (seed: number, w: number) => (w === 0 ? seed : (seed + Math.imul(w, 0x9e3779b9)) >>> 0);

async function inWorkers(job: Omit<Job, 'seed'>, seed: number, workers: number): Promise<JobDone> {
  const self = fileURLToPath(import.meta.url);
  const runs = await Promise.all(
    Array.from({ length: workers }, (_, w) => {
      const data: Job = { ...job, seed: workerSeed(seed, w) };
      // From TypeScript sources (tsx) a worker could not load this file; the built one it can.
      if (workers === 1 || self.endsWith('.ts')) return Promise.resolve(runJob(data));
      return new Promise<JobDone>((resolve, reject) => {
        const worker = new Worker(self, { workerData: data, argv: [] });
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.once('exit', (code) => code !== 0 && reject(new Error(`worker exited with ${code}`)));
      });
    }),
  );
  const results = job.plan.map(({ name }, t) => {
    const each = runs.map((r) => r.results[t]);
    return {
      ...each[0],
      name,
      inputs: each.reduce((n, r) => n + r.inputs, 0),
      failures: each.reduce((n, r) => n + r.failures, 0),
      notes: each.flatMap((r, w) => r.notes.map((n) => (runs.length > 1 ? `worker ${w}: ${n}` : n))),
      // Throughput is inputs over wall time, so the workers' times are not added up.
      ms: Math.max(...each.map((r) => r.ms)),
    };
  });
  return { results, failures: runs.flatMap((r) => r.failures), written: runs.flatMap((r) => r.written) };
}

async function main(): Promise<void> {
  // Shares of the budget, summing to 1; a live target's includes starting its broker and the
  // final checks. Auth's is small: it also gets whatever the broker target leaves unused of the
  // time it keeps back for its final check.
  const SHARES: Record<string, number> = { roundtrip: 0.16, mutate: 0.62, broker: 0.19, auth: 0.03 };
  const ALL_TARGETS = Object.keys(SHARES).join(',');
  const { values } = parseCommandLine({
    name: 'fuzz',
    usage: `
Usage: npm run fuzz [-- options]

Runs the fuzz targets one after another within a fixed total budget and ends with the line
\`N passed, N failed\`. Failing inputs are written to conformance/regressions/.

Options:
  --seconds <s>       total budget (default 90)
  --seed <n>          seed of the run (default: from the clock); a run prints how to reproduce it
  --targets <list>    ${Object.keys(SHARES).join(',')} (default all)
  --workers <n>       decoder worker threads (default: up to 2, one per core)
  --no-regressions    do not write failing inputs as regression vectors
  -h, --help          print this help

Exit codes: 0 every target passed, 1 a failure or too few inputs, 2 usage error.`,
    config: {
      options: {
        seconds: { type: 'string', default: '90' },
        seed: { type: 'string' },
        targets: { type: 'string', default: ALL_TARGETS },
        workers: { type: 'string' },
        'no-regressions': { type: 'boolean', default: false },
      },
    },
  });
  const seconds = Number(values.seconds);
  if (!(seconds > 0)) usageError('fuzz', '--seconds must be a positive number');
  const seed = values.seed !== undefined ? Number(values.seed) >>> 0 : (Date.now() ^ (process.pid << 16)) >>> 0;
  const workers = Math.max(1, Number(values.workers ?? Math.min(2, availableParallelism())));
  if (!Number.isInteger(workers)) usageError('fuzz', '--workers must be a whole number');
  const names = values.targets.split(',').filter(Boolean);
  for (const t of names)
    if (!Object.hasOwn(SHARES, t)) usageError('fuzz', `unknown target ${t} (${Object.keys(SHARES).join(', ')})`);
  // What one run at the default budget must reach; shorter budgets scale it down.
  const scale = Math.min(1, seconds / 90);
  // 500,000: each input now costs about 2.5 times what it did when this was 1,000,000 (exact
  // u64 JSON reading, linear base64 checks, the at-limit frames, a larger seed corpus); the
  // floor catches a harness that stops feeding the decoders, not a slower decoder.
  const minDecoderInputs = Math.round(500_000 * scale);
  const minBrokerFrames = Math.round(100_000 * scale);
  const minAuthSessions = Math.round(100 * scale);
  const regressions = values['no-regressions'] ? undefined : REGRESSIONS_DIR;

  console.log(`fuzz: seed ${seed}, ${seconds} s over ${names.join(', ')}, ${workers} decoder worker(s)`);
  const extra = `${values.targets === ALL_TARGETS ? '' : ` --targets ${values.targets}`}`;
  console.log(`reproduce: npm run fuzz -- --seed ${seed} --seconds ${seconds} --workers ${workers}${extra}`);

  const spec = loadSpec(SPEC_DIR);
  const failures = new FailureLog(regressions);
  const results: TargetResult[] = [];
  const startedAt = Date.now();
  const totalShare = names.reduce((n, t) => n + SHARES[t], 0);
  const decoderNames = names.filter((t): t is DecoderTarget => !isLive(t));
  if (decoderNames.length) {
    let until = startedAt;
    const plan = decoderNames.map((name) => {
      until += (seconds * 1000 * SHARES[name]) / totalShare;
      return { name, until };
    });
    console.log(`\n[${decoderNames.join(', ')}] ${((until - startedAt) / 1000).toFixed(1)} s`);
    try {
      const done = await inWorkers({ plan, regressions }, seed, workers);
      results.push(...done.results);
      failures.failures.push(...done.failures);
      failures.written.push(...done.written);
    } catch (err) {
      failures.add({ target: 'decoders', signature: 'a worker threw', detail: (err as Error)?.stack ?? String(err) });
      for (const name of decoderNames) results.push({ name, inputs: 0, unit: 'inputs', ms: 1, failures: 1, notes: [] });
    }
  }
  // Whatever the decoder targets left unused goes to the live targets, in proportion to their shares.
  const liveNames = names.filter(isLive);
  for (const [i, name] of liveNames.entries()) {
    const left = seconds * 1000 - (Date.now() - startedAt);
    const share = SHARES[name] / liveNames.slice(i).reduce((n, t) => n + SHARES[t], 0);
    const budgetMs = Math.max(5000, left * share);
    console.log(`\n[${name}] ${(budgetMs / 1000).toFixed(1)} s`);
    try {
      results.push(await LIVE_TARGETS[name].run({ spec, seed, failures, budgetMs }));
    } catch (err) {
      failures.add({
        target: name,
        signature: 'the target itself threw',
        detail: (err as Error)?.stack ?? String(err),
      });
      results.push({ name, inputs: 0, unit: LIVE_TARGETS[name].unit, ms: 1, failures: 1, notes: [] });
    }
  }
  for (const r of results) for (const note of r.notes) console.log(`  ${r.name}: ${note}`);

  console.log('\ntarget        inputs       time   inputs/s  failures');
  for (const r of results) {
    const rate = r.inputs / (r.ms / 1000);
    console.log(
      `${r.name.padEnd(10)} ${String(r.inputs).padStart(9)} ${`${(r.ms / 1000).toFixed(1)} s`.padStart(10)} ${rate.toFixed(0).padStart(10)}  ${String(r.failures).padStart(8)}  ${r.unit}`,
    );
  }
  const decoderInputs = results.filter((r) => !isLive(r.name)).reduce((n, r) => n + r.inputs, 0);
  const broker = results.find((r) => r.name === 'broker');
  const auth = results.find((r) => r.name === 'auth');
  const short: string[] = [];
  if (names.includes('roundtrip') && names.includes('mutate') && decoderInputs < minDecoderInputs)
    short.push(`${decoderInputs} decoder inputs, wanted ${minDecoderInputs}`);
  if (broker && broker.inputs < minBrokerFrames)
    short.push(`${broker.inputs} frames to the broker, wanted ${minBrokerFrames}`);
  if (auth && auth.inputs < minAuthSessions)
    short.push(`${auth.inputs} sessions probing auth, wanted ${minAuthSessions}`);
  console.log(
    `\n${decoderInputs} decoder inputs, ${broker?.inputs ?? 0} frames against the live broker, ${auth?.inputs ?? 0} sessions probing its auth`,
  );
  for (const s of short) console.log(`  too few: ${s}`);
  if (failures.written.length) console.log(`regression vectors written:\n  ${failures.written.join('\n  ')}`);
  const failedTargets = results.filter((r) => r.failures > 0).length;
  console.log(`reproduce: npm run fuzz -- --seed ${seed} --seconds ${seconds} --workers ${workers}${extra}`);
  console.log(`${results.length - failedTargets} passed, ${failedTargets + (short.length ? 1 : 0)} failed`);
  process.exit(failedTargets === 0 && short.length === 0 ? 0 : 1);
}

// Last, so every declaration above is initialised before either path runs.
if (!isMainThread) {
  parentPort!.postMessage(runJob(workerData as Job));
} else {
  await main();
}
