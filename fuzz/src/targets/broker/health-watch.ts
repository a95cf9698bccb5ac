// Watches the broker under attack: that it has not exited, answers /live, and keeps its memory bounded.
import type { BrokerProcess } from '@felix/testkit';
import { now } from '../common.js';
import type { Stats } from './stats.js';
import { sleep } from './waiting.js';

/** Resident memory the broker may gain over the run once warm, and may never exceed. */
const RSS_GROWTH_LIMIT = 256 << 20;
const RSS_LIMIT = 1 << 30;

export async function watchBroker(
  broker: BrokerProcess,
  http: (path: string) => Promise<Response>,
  stats: Stats,
  state: { stop: boolean },
  fail: (s: string, d?: string) => void,
  lags: () => string,
): Promise<void> {
  const started = now();
  while (!state.stop) {
    await sleep(500);
    if (broker.proc.exitCode !== null || broker.proc.signalCode !== null) {
      fail('the broker exited', broker.output().slice(-2000));
      state.stop = true;
      return;
    }
    try {
      const live = await http('/live');
      if (live.status !== 200) fail(`/live answered ${live.status}`);
      const metrics = await (await http('/metrics')).text();
      const rss = Number(/felix_process_resident_memory_bytes (\d+)/.exec(metrics)?.[1] ?? 0);
      const lag = Number(/^felix_nodejs_eventloop_lag_max_seconds (\S+)$/m.exec(metrics)?.[1] ?? 0) * 1000;
      if (lag > stats.brokerLagMs) stats.brokerLagMs = lag;
      if (rss > stats.peakRss) stats.peakRss = rss;
      // Warm once the attackers have been at it a few seconds: heap and buffers at working size.
      if (!stats.warmRss && now() - started > 3000) stats.warmRss = rss;
      if (rss > RSS_LIMIT || (stats.warmRss && rss - stats.warmRss > RSS_GROWTH_LIMIT)) {
        fail('broker memory unbounded', `rss ${rss >> 20} MiB, warm ${stats.warmRss >> 20} MiB`);
        state.stop = true;
      }
    } catch (err) {
      fail('/live or /metrics did not answer', `${String(err)}; ${lags()}`);
    }
  }
}

/** After a live target's attacks: the broker must still run and answer /live. */
export async function checkBrokerStanding(
  broker: BrokerProcess,
  http: (path: string) => Promise<Response>,
  fail: (s: string, d?: string) => void,
): Promise<void> {
  if (broker.proc.exitCode !== null || broker.proc.signalCode !== null)
    fail('the broker exited', broker.output().slice(-2000));
  else if ((await http('/live').catch(() => undefined))?.status !== 200) fail('/live stopped answering');
}

/** Stops the broker; a failed drain is a failure of its own unless an earlier one explains it. */
export async function stopBrokerChecked(
  broker: BrokerProcess,
  failures: { readonly count: number; fail(s: string, d?: string): void },
): Promise<void> {
  const code = await broker.stop();
  if (code !== 0 && failures.count === 0)
    failures.fail(`the broker exited with ${code} on SIGTERM`, broker.output().slice(-2000));
}
