// Mutated frames through the generated codec, the reference interpreter and the Kaitai JS
// decoder: the same value or the same error code from all three, within a time budget per
// input, and without memory that grows with lengths a frame declares but does not carry.
// Each run also sends every JSON byte field at the frame limit through all three.

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { FLAGS, frameBytes } from '@felix/generated';
import type { Spec } from '@felix/spec';
import { limitFrames } from '../at-limit.js';
import { shrink } from '../failures.js';
import { Mutator } from '../mutators.js';
import { decodeWithCodec, decodeWithInterpreter, decodeWithKaitai, judge } from '../oracle.js';
import { Rng } from '../rng.js';
import { loadSeeds } from '../seeds.js';
import { now, type TargetContext, type TargetResult } from './common.js';

/** An input slower than this through any one decoder (best of three tries) is a failure. */
export const SLOW_MS = 50;
/** Live heap plus array buffers may not grow by more than this over the run, after a GC. */
const GROWTH_LIMIT = 64 << 20;
/** Nor may the process ever hold more than this above where it started (big inputs are cached). */
const PEAK_LIMIT = 1536 << 20;
/** Passes over the lying frames: enough that a per-frame leak of a few KiB shows after GC. */
const LYING_ROUNDS = 60;

let gcFn: (() => void) | undefined;
/** A full GC, so memory figures measure what is retained rather than what is not yet collected. */
export function collectGarbage(): void {
  if (!gcFn) {
    setFlagsFromString('--expose-gc');
    gcFn = runInNewContext('gc') as () => void;
  }
  gcFn();
}

const retained = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

export function runMutate(ctx: TargetContext): TargetResult {
  const start = now();
  const rng = new Rng(ctx.seed ^ 0x5eed);
  const seeds = loadSeeds(ctx.seed);
  const mutator = new Mutator(ctx.spec, rng, seeds);
  const deadline = start + ctx.budgetMs;
  // Warm up every decoder (schema compilation for every message type, the Kaitai parser)
  // before the baseline, so neither counts as memory growth or as a slow input.
  for (const s of seeds) judge(ctx.spec, s);
  let failures = 0;
  const fail: Fail = (signature, detail, frame, reference) => {
    failures++;
    ctx.failures.add({ target: 'mutate', signature, detail, frame, reference });
  };
  // Before the baseline: the 16 MiB frames are garbage by then, and the RSS they leave behind
  // does not count against the random inputs' peak.
  const atLimit = judgeAtLimit(ctx, seeds, fail);
  collectGarbage();
  const baseline = retained();
  const baseRss = process.memoryUsage().rss;
  let peakRss = baseRss;
  let inputs = atLimit.inputs;
  let slowest = 0;
  while (now() < deadline) {
    for (let i = 0; i < 256; i++) {
      const frame = mutator.next();
      inputs++;
      const t0 = now();
      const v = judge(ctx.spec, frame);
      const dt = now() - t0;
      if (!v.ok) {
        const small = shrink(frame, (f) => judge(ctx.spec, f).signature === v.signature);
        const w = judge(ctx.spec, small);
        fail(v.signature, w.detail, small, w.reference);
        continue;
      }
      if (dt > budgetFor(frame)) {
        // A GC pause or another process can land on any input: only an input that stays slow
        // in one decoder on every retry counts.
        const slow = slowestDecoder(ctx.spec, frame);
        if (slow.ms > slow.budget)
          fail(`slow input in ${slow.name}`, `${slow.ms.toFixed(0)} ms for ${frame.length} bytes`, frame, v.reference);
      }
      if (dt > slowest) slowest = dt;
    }
    const rss = process.memoryUsage().rss;
    if (rss > peakRss) peakRss = rss;
    if (rss - baseRss > PEAK_LIMIT) {
      fail('memory', `rss ${rss >> 20} MiB, started at ${baseRss >> 20} MiB`, new Uint8Array(0));
      break;
    }
  }
  // Declared-but-absent lengths: frames that promise gigabytes and carry a few bytes must cost
  // the decoders nothing that outlives the call.
  const lying = lyingFrames();
  collectGarbage();
  const beforeLies = retained();
  for (let round = 0; round < LYING_ROUNDS; round++) {
    for (const f of lying) {
      inputs++;
      const v = judge(ctx.spec, f);
      if (!v.ok) fail(v.signature, v.detail, f, v.reference);
    }
  }
  collectGarbage();
  const afterLies = retained();
  const growth = afterLies - baseline;
  if (afterLies - beforeLies > 8 << 20)
    fail(
      'memory grows with declared lengths',
      `${(afterLies - beforeLies) >> 20} MiB retained after ${LYING_ROUNDS * lying.length} lying frames`,
      new Uint8Array(0),
    );
  if (growth > GROWTH_LIMIT) fail('memory grows over the run', `${growth >> 20} MiB retained`, new Uint8Array(0));
  return {
    name: 'mutate',
    inputs,
    unit: 'frames × 3 decoders',
    ms: now() - start,
    failures,
    notes: [
      `${seeds.length} seeds; slowest input ${slowest.toFixed(1)} ms (3 decoders); retained memory ${growth >= 0 ? '+' : ''}${(growth / 2 ** 20).toFixed(1)} MiB after GC, peak rss +${((peakRss - baseRss) / 2 ** 20).toFixed(0)} MiB`,
      atLimit.note,
    ],
  };
}

type Fail = (
  signature: string,
  detail: string,
  frame: Uint8Array | undefined,
  reference?: ReturnType<typeof judge>['reference'],
) => void;

/**
 * Every byte field at the frame limit, once per run (see limitFrames). A failure is neither
 * shrunk nor kept as a regression vector (a second a try, 32 MiB of hex): its detail and the
 * run's seed rebuild the frame.
 */
function judgeAtLimit(ctx: TargetContext, seeds: Uint8Array[], fail: Fail): { inputs: number; note: string } {
  const start = now();
  let slowest = 0;
  const frames = limitFrames(ctx.spec, new Rng(ctx.seed ^ 0x1e4d), seeds);
  for (const { frame, what, expect } of frames) {
    const t0 = now();
    const v = judge(ctx.spec, frame);
    const dt = now() - t0;
    slowest = Math.max(slowest, dt);
    const got = 'value' in v.reference ? 'value' : 'error' in v.reference ? v.reference.error : 'crash';
    if (!v.ok) fail(`${v.signature} at the frame limit`, `${what}: ${v.detail}`, undefined);
    else if (expect && got !== expect)
      fail('wrong outcome at the frame limit', `${what}: ${got}, not ${expect}`, undefined);
    else if (dt > budgetFor(frame)) fail('slow input at the frame limit', `${what}: ${dt.toFixed(0)} ms`, undefined);
  }
  const seconds = ((now() - start) / 1000).toFixed(1);
  return {
    inputs: frames.length,
    note: `${frames.length} byte fields at the frame limit in ${seconds} s (slowest ${slowest.toFixed(0)} ms, 3 decoders)`,
  };
}

/**
 * Decoding cost grows with the input; the budget grows linearly with it (SLOW_MS per 64 KiB),
 * so what it catches is superlinear work, not a megabyte taking a megabyte's time.
 */
const budgetFor = (frame: Uint8Array) => SLOW_MS * Math.max(1, frame.length / 65536);

/**
 * The decoder furthest over its budget on `frame`, each timed as the best of three runs. The
 * spec's interpreter is the reference, written for clarity: it may take twice the budget (its
 * exact u64 JSON reading walks deeply nested text token by token), the decoders users run once.
 */
function slowestDecoder(spec: Spec, frame: Uint8Array): { name: string; ms: number; budget: number } {
  const decoders: [string, number, () => unknown][] = [
    ['codec', 1, () => decodeWithCodec(frame)],
    ['interpreter', 2, () => decodeWithInterpreter(spec, frame)],
    ['kaitai-js', 1, () => decodeWithKaitai(frame)],
  ];
  let slowest = { name: '', ms: 0, budget: budgetFor(frame) };
  for (const [name, allowance, run] of decoders) {
    const budget = budgetFor(frame) * allowance;
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 3 && best > budget; i++) {
      const t = now();
      run();
      best = Math.min(best, now() - t);
    }
    if (best / budget > slowest.ms / slowest.budget) slowest = { name, ms: best, budget };
  }
  return slowest;
}

/** Frames whose length fields (header, strings, counts, items) claim far more than they hold. */
function lyingFrames(): Uint8Array[] {
  const out: Uint8Array[] = [];
  const frame = (flags: number, declared: number, payload: number[]) =>
    frameBytes(flags, Uint8Array.from(payload), declared);
  const honest = (flags: number, payload: number[]) => frame(flags, payload.length, payload);
  const u32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
  const u64 = [0, 0, 0, 0, 0, 0, 0, 1];
  const { BINARY_EVENT_BATCH, BINARY_EVENT_BATCH_SHARED, BINARY_PUBLISH_ACK, BINARY_PUBLISH_BATCH } = FLAGS;
  for (const declared of [16777216, 0xffffffff, 1 << 20]) out.push(frame(0, declared, [0x7b]));
  for (const count of [65536, 65537, 0xffffffff, 0x80000000]) {
    out.push(honest(BINARY_EVENT_BATCH_SHARED, u32(count)));
    out.push(honest(BINARY_EVENT_BATCH, [...u64, ...u32(count)]));
    out.push(honest(BINARY_EVENT_BATCH_SHARED, [...u32(1), ...u32(count)]));
    out.push(honest(BINARY_EVENT_BATCH_SHARED, [...u32(2), ...u32(0), ...u32(count)]));
    out.push(honest(BINARY_PUBLISH_BATCH, [0, 0, 0, 0, 0, 0, ...u32(1), ...u32(count)]));
  }
  for (const len of [0xffff, 0x100, 0x1000]) {
    out.push(honest(BINARY_PUBLISH_ACK, [0, ...u64, (len >> 8) & 255, len & 255]));
    out.push(honest(BINARY_PUBLISH_BATCH, [(len >> 8) & 255, len & 255]));
  }
  return out;
}
