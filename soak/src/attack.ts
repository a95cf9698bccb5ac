// What an attack is to the harness: one row of issue 17's table, replayed at a scale, with the
// broker settings it needs and the checks of its own beside the ones every attack gets.
import type { Refusals } from './refusals.js';
import type { SoakEndpoint, StreamLimits } from './soak-broker.js';

export interface Scale {
  /** The long run (npm run soak) rather than the short one CI runs. */
  long: boolean;
  /** How long an attack keeps its load on once it is set up. */
  seconds: number;
}

/** The short run's figure or the long run's. */
export const at = <T>(scale: Scale, short: T, long: T): T => (scale.long ? long : short);

export interface Check {
  what: string;
  ok: boolean;
  /** What was seen, for the report. */
  detail: string;
}

export const check = (what: string, ok: boolean, detail: string): Check => ({ what, ok, detail });

export interface AttackContext {
  endpoint: SoakEndpoint;
  scale: Scale;
  refusals: Refusals;
  /** When the load is to come off (Date.now() terms): scale.seconds after the attack began. */
  until: number;
  /**
   * Ends observing now, before an attack takes the broker down (a drain): /live and the clean
   * pair are judged up to here.
   */
  stopObserving(): Promise<void>;
  /** Stops the broker with `signal` and resolves with its exit code. */
  stopBroker(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface AttackOutcome {
  checks: Check[];
  /** Figures of this attack for the report (counts, times). */
  figures: Record<string, string | number>;
}

export interface Attack {
  name: string;
  /** The row, as the report quotes it. */
  row: string;
  /**
   * The fix this attack waits on while it fails on a branch without it, named in the report so
   * a failure is read for what it is.
   */
  awaits?: string;
  /** A bound on the clean pair's publish-to-delivery p99 under this attack, where the row is about it. */
  cleanP99LimitMs?: number;
  /** FELIX_* settings for this attack's broker beyond the harness's. */
  env?(scale: Scale): Record<string, string>;
  /** Streams this attack needs registered. */
  streams?(scale: Scale): Record<string, StreamLimits>;
  run(ctx: AttackContext): Promise<AttackOutcome>;
}
