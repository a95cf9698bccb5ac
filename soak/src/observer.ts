// Watches the broker while an attack runs, from a process of its own (observer-process.ts): what
// /live answered, what the clean pair saw, and the broker's peak resident memory.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CleanPairReport } from './clean-pair.js';
import type { LiveReport } from './live-probe.js';
import type { SoakEndpoint } from './soak-broker.js';

export interface ObserverStart {
  endpoint: SoakEndpoint;
}

export interface ObserverReport {
  live: LiveReport;
  clean: CleanPairReport;
  /** Resident bytes when observing began (the broker just started). */
  baselineResidentBytes: number;
  peakResidentBytes: number;
  memorySamples: number;
  /** The broker's CPU time over the time observed (1 = one core all along); undefined without /proc. */
  brokerCpuShare?: number;
  /** How much of the time observed the broker's event loop was ready to run but waited for a CPU. */
  brokerCpuWaitShare?: number;
  /** The broker's own event-loop delay samples (felix_event_loop_delay_seconds) while observed. */
  loopDelay?: { samples: number; over25ms: number; over100ms: number };
  /**
   * The observer's own event loop: how late it ran (p99 and worst, ms) and how much of the time
   * it waited for a CPU. /live is timed here, so a late observer reads as a slow broker; these
   * tell a broker that answered late from a machine that ran the observer late.
   */
  self?: { loopLateP99Ms: number; loopLateMaxMs: number; cpuWaitShare?: number };
}

export interface Observer {
  /** Ends observing and reports; later calls get the same report. */
  stop(): Promise<ObserverReport>;
}

type ObserverMessage =
  | { type: 'ready' }
  | { type: 'report'; report: ObserverReport }
  | { type: 'failed'; error: string };

/**
 * The observer runs from the build, as plain Node: from sources (Vitest) this module sits in
 * src/ beside dist/, which the test run builds first.
 */
function observerFile(): string {
  const here = import.meta.url;
  return fileURLToPath(new URL(here.endsWith('.ts') ? '../dist/observer-process.js' : './observer-process.js', here));
}

export async function startObserver(endpoint: SoakEndpoint): Promise<Observer> {
  const start: ObserverStart = { endpoint };
  // No inherited flags: a test runner's loaders and conditions are not for this process.
  const child = fork(observerFile(), [JSON.stringify(start)], {
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const next = () =>
    new Promise<ObserverMessage>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the observer exited (${code})`));
      child.once('exit', onExit);
      child.once('message', (m: ObserverMessage) => {
        child.off('exit', onExit);
        resolve(m);
      });
    });
  const end = async () => {
    if (child.exitCode === null) child.kill();
    await exited;
  };
  const first = await next().catch(async (err: Error) => {
    await end();
    throw err;
  });
  if (first.type !== 'ready') {
    await end();
    throw new Error(`the observer did not start: ${first.type === 'failed' ? first.error : first.type}`);
  }
  let stopping: Promise<ObserverReport> | undefined;
  return {
    stop: () => {
      stopping ??= (async () => {
        const answer = next();
        child.send('stop');
        const m = await answer.finally(end);
        if (m.type !== 'report') throw new Error(`the observer failed: ${m.type === 'failed' ? m.error : m.type}`);
        return m.report;
      })();
      return stopping;
    },
  };
}
