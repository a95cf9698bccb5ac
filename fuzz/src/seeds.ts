// The seed frames mutations start from: the generated corpus, every conformance vector
// (ours, upstream's, and regressions found earlier) and a sample of valid generated values.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeFrame } from '@felix/generated';
import fc from 'fast-check';
import { anyMessage } from './generated/arbitraries.js';
import { CORPUS_DIR, REGRESSIONS_DIR, UPSTREAM_VECTORS_DIR, VECTORS_DIR } from './paths.js';

function vectorFrames(dir: string): Uint8Array[] {
  if (!existsSync(dir)) return [];
  return (
    readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')).frame_hex)
      // Frames at the frame limit, written as long hex, would make every mutation of them cost
      // seconds: the mutate target builds its own at the limit (limitFrames) instead.
      .filter((hex): hex is string => typeof hex === 'string')
      .map((hex) => new Uint8Array(Buffer.from(hex, 'hex')))
  );
}

export function loadSeeds(seed: number, generated = 2000): Uint8Array[] {
  const corpus = readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.bin'))
    .sort()
    .map((f) => new Uint8Array(readFileSync(join(CORPUS_DIR, f))));
  const sampled = fc.sample(anyMessage, { seed, numRuns: generated }).map((m) => encodeFrame(m));
  return [
    ...corpus,
    ...vectorFrames(VECTORS_DIR),
    ...vectorFrames(UPSTREAM_VECTORS_DIR),
    ...vectorFrames(REGRESSIONS_DIR),
    ...sampled,
  ];
}
