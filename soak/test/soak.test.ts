// The short soak: every row of issue 17's table, scaled down but in its shape (2,000 connections
// rather than 20,000, 2,048 subscriptions rather than 15,360), each against a broker of its own
// for a few seconds of load. One test per attack, so a row that fails says which; the long
// version with the counts is `npm run soak`.
import { describe, expect, it } from 'vitest';
import { ATTACKS } from '../src/attacks/index.js';
import { runAttack } from '../src/harness.js';
import { formatReport } from '../src/report.js';

const SHORT = { long: false, seconds: 3 };

describe('soak: overload without collapse (issue 17)', () => {
  for (const attack of ATTACKS) {
    it(`${attack.name}: ${attack.row}`, async () => {
      const report = await runAttack(attack, SHORT);
      // The whole report on failure: the figures and every failed check, not just the first.
      expect(report.passed, formatReport([report])).toBe(true);
    }, 60_000);
  }
});
