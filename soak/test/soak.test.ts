// The short soak: every row of issue 17's table, scaled down but in its shape (2,000 connections
// rather than 20,000, 2,048 subscriptions rather than 15,360), each against a broker of its own
// for a few seconds of load. One test per attack, so a row that fails says which; the long
// version with the counts is `npm run soak`.
import { describe, expect, it } from 'vitest';
import { ATTACKS } from '../src/attacks/index.js';
import { runAttack } from '../src/harness.js';
import { formatReport } from '../src/report.js';

const SHORT = { long: false, seconds: 3 };
/**
 * Runs of an attack after a failed one. CI machines are shared: a neighbour's burst can stall
 * the broker's process past /live's 100 ms bound once, whatever the broker does; a broker that
 * blocks its own loop fails every run. The bounds of each run are the issue's, unchanged.
 */
const RETRIES = 2;

describe('soak: overload without collapse (issue 17)', () => {
  for (const attack of ATTACKS) {
    it(`${attack.name}: ${attack.row}`, { timeout: 60_000, retry: RETRIES }, async () => {
      const report = await runAttack(attack, SHORT);
      // The whole report on failure: the figures and every failed check, not just the first.
      expect(report.passed, formatReport([report])).toBe(true);
    });
  }
});
