// Runs one attack against a broker of its own, with the observer beside it, and judges it: the
// checks every attack gets (memory within the budget plus RSS_ALLOWANCE_BYTES, /live p99 under
// LIVE_P99_LIMIT_MS, a clean pair that lost nothing and saw nothing out of order, every refusal
// carrying its code) and the attack's own.
import { type Attack, type AttackOutcome, type Check, check, type Scale } from './attack.js';
import { runAttacker } from './attacker.js';
import type { CleanPairReport } from './clean-pair.js';
import type { LiveReport } from './live-probe.js';
import { type ObserverReport, startObserver } from './observer.js';
import { Refusals } from './refusals.js';
import { startSoakBroker } from './soak-broker.js';

const MiB = 1024 * 1024;

/** The broker's memory budget in each run. */
export const BUDGET_BYTES = { short: 64 * MiB, long: 256 * MiB };
/**
 * What the broker may hold beyond its budget: the runtime itself (about 100 MiB resident when it
 * has just started: code, the heap's floor, the TLS and QUIC stacks) and what no pool counts
 * (connections' kernel and TLS buffers, the parsers' working memory).
 */
export const RSS_ALLOWANCE_BYTES = 128 * MiB;
export const LIVE_P99_LIMIT_MS = 100;

export interface AttackReport {
  attack: string;
  row: string;
  awaits?: string;
  budgetBytes: number;
  peakResidentBytes: number;
  baselineResidentBytes: number;
  brokerCpuShare?: number;
  brokerCpuWaitShare?: number;
  loopDelay?: ObserverReport['loopDelay'];
  /** How late the process timing /live ran, and how long it waited for a CPU. */
  observer?: ObserverReport['self'];
  live: LiveReport;
  clean: CleanPairReport;
  refusals: Record<string, number>;
  figures: Record<string, string | number>;
  checks: Check[];
  passed: boolean;
  /** The attack itself failed to run (its error), as opposed to a check failing. */
  error?: string;
}

function commonChecks(observed: ObserverReport, refusals: Refusals, budgetBytes: number): Check[] {
  const { live, clean } = observed;
  const bound = budgetBytes + RSS_ALLOWANCE_BYTES;
  const mib = (b: number) => `${(b / MiB).toFixed(0)} MiB`;
  return [
    check(
      'resident memory within the budget plus the allowance',
      observed.peakResidentBytes <= bound,
      `peak ${mib(observed.peakResidentBytes)} of ${mib(bound)} (${mib(budgetBytes)} budget + ${mib(RSS_ALLOWANCE_BYTES)})`,
    ),
    check(
      `/live p99 under ${LIVE_P99_LIMIT_MS} ms`,
      live.count > 0 && live.p99 < LIVE_P99_LIMIT_MS && live.failed === 0,
      `p50 ${live.p50.toFixed(1)} ms, p99 ${live.p99.toFixed(1)} ms, max ${live.max.toFixed(0)} ms over ${live.count}, ${live.failed} failed`,
    ),
    check(
      'the clean pair lost nothing and saw nothing reordered',
      !clean.broken &&
        clean.acknowledged > 0 &&
        clean.lost === 0 &&
        clean.unanswered === 0 &&
        clean.reordered === 0 &&
        clean.duplicated === 0 &&
        Object.keys(clean.refused).length === 0,
      `${clean.acknowledged}/${clean.published} acknowledged, ${clean.received} received, ${clean.lost} lost, ` +
        `${clean.unanswered} unanswered, ${clean.reordered} reordered, ${clean.duplicated} twice` +
        `${Object.keys(clean.refused).length ? `, refused ${JSON.stringify(clean.refused)}` : ''}` +
        `${clean.broken ? `; broken: ${clean.broken}` : ''}`,
    ),
    check(
      'every refusal carried its code',
      refusals.silentCount === 0,
      refusals.silentCount === 0 ? 'none silent' : `${refusals.silentCount} silent`,
    ),
  ];
}

export async function runAttack(attack: Attack, scale: Scale): Promise<AttackReport> {
  const budgetBytes = scale.long ? BUDGET_BYTES.long : BUDGET_BYTES.short;
  const broker = await startSoakBroker({ budgetBytes, env: attack.env?.(scale), streams: attack.streams?.(scale) });
  const refusals = new Refusals();
  let observed: ObserverReport | undefined;
  let outcome: AttackOutcome = { checks: [], figures: {} };
  let error: string | undefined;
  try {
    const observer = await startObserver(broker.endpoint);
    const stopObserving = async () => {
      observed ??= await observer.stop();
    };
    try {
      outcome = await runAttacker({
        name: attack.name,
        endpoint: broker.endpoint,
        scale,
        refusals,
        until: Date.now() + scale.seconds * 1000,
        stopObserving,
        stopBroker: (signal) => broker.stop(signal),
      });
    } catch (err) {
      error = (err as Error)?.message ?? String(err);
    } finally {
      await stopObserving();
    }
  } finally {
    await broker.stop();
  }
  const seen = observed!;
  const checks = [...commonChecks(seen, refusals, budgetBytes), ...outcome.checks];
  const limit = attack.cleanP99LimitMs;
  if (limit !== undefined) {
    const { latency } = seen.clean;
    checks.push(
      check(
        `the clean pair's publish-to-delivery p99 under ${limit} ms`,
        latency.count > 0 && latency.p99 < limit,
        `p50 ${latency.p50.toFixed(1)} ms, p99 ${latency.p99.toFixed(1)} ms, max ${latency.max.toFixed(0)} ms`,
      ),
    );
  }
  if (error) checks.push(check('the attack ran to its end', false, error.split('\n')[0]));
  return {
    attack: attack.name,
    row: attack.row,
    awaits: attack.awaits,
    budgetBytes,
    peakResidentBytes: seen.peakResidentBytes,
    baselineResidentBytes: seen.baselineResidentBytes,
    brokerCpuShare: seen.brokerCpuShare,
    brokerCpuWaitShare: seen.brokerCpuWaitShare,
    loopDelay: seen.loopDelay,
    observer: seen.self,
    live: seen.live,
    clean: seen.clean,
    refusals: refusals.byCode(),
    figures: outcome.figures,
    checks,
    passed: checks.every((c) => c.ok),
    ...(error && { error }),
  };
}
