// What every fuzz target is handed and what it reports.
import type { Spec } from '@felix/spec';
import type { FailureLog } from '../failures.js';

export interface TargetContext {
  spec: Spec;
  seed: number;
  failures: FailureLog;
  /** Wall-clock milliseconds this target may use. */
  budgetMs: number;
}

export interface TargetResult {
  name: string;
  /** Inputs tried: decoder inputs, or frames sent to the broker. */
  inputs: number;
  /** What `inputs` counts, for the summary line. */
  unit: string;
  ms: number;
  failures: number;
  notes: string[];
}

export const now = () => performance.now();

/** A target's failures: each is logged for shrinking and reporting, and counted for its result. */
export function failureCounter(
  ctx: TargetContext,
  target: string,
): {
  fail(signature: string, detail?: string): void;
  readonly count: number;
} {
  let count = 0;
  return {
    fail(signature, detail = '') {
      count++;
      ctx.failures.add({ target, signature, detail });
    },
    get count() {
      return count;
    },
  };
}
