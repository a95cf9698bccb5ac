// The live broker under attack: several connections per carrier (TLS and WebTransport) send
// mutated frames on control and cache streams and, over TLS, on event streams, reconnecting whenever the broker closes one,
// while a clean client per carrier publishes, subscribes and uses the cache and checks that it
// loses nothing. The broker must not exit, /live must keep answering, and its resident memory
// (felix_process_resident_memory_bytes) must stay bounded.
import { type CarrierName, startBrokerProcess } from '@felix/testkit';
import { Mutator } from '../../mutators.js';
import { Rng } from '../../rng.js';
import { failureCounter, now, type TargetContext, type TargetResult } from '../common.js';
import { attacker } from './attackers.js';
import { cleanClient } from './clean-client.js';
import { checkBrokerStanding, stopBrokerChecked, watchBroker } from './health-watch.js';
import { requestSeeds } from './request-seeds.js';
import { newStats, watchStalls } from './stats.js';
import { sleep } from './waiting.js';

const CARRIERS: CarrierName[] = ['tls', 'webtransport'];
const ATTACKERS_PER_CARRIER = 3;
/** Kept back from the budget for the clean clients' final check and the broker's stop. */
const FINISH_MS = 6000;

export async function runBroker(ctx: TargetContext): Promise<TargetResult> {
  const start = now();
  const stats = newStats();
  const stalls = watchStalls(stats);
  const lags = stalls.describe;
  const failures = failureCounter(ctx, 'broker');
  const fail = failures.fail;
  const broker = await startBrokerProcess({ FELIX_CARRIERS: CARRIERS.join(','), FELIX_LOG_LEVEL: 'error' });
  const http = (path: string, init?: RequestInit) =>
    fetch(`http://127.0.0.1:${broker.httpPort}${path}`, { ...init, signal: AbortSignal.timeout(3000) });
  const state = { stop: false };
  try {
    for (const carrier of CARRIERS) {
      const res = await http(`/admin/tenants/t1/namespaces/default/streams/fuzz-clean-${carrier}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${broker.token}` },
      });
      if (res.status !== 201) throw new Error(`could not register the clean stream: ${res.status}`);
    }
    const deadline = start + ctx.budgetMs - FINISH_MS;
    const monitor = watchBroker(broker, http, stats, state, fail, lags);
    // Settled at once, so a failing clean client is reported rather than an unhandled rejection.
    const clean = CARRIERS.map((carrier, i) =>
      cleanClient(broker, carrier, ctx.seed + i, stats, state).then(
        () => undefined,
        (err: unknown) => {
          fail(
            `the clean client over ${carrier} failed`,
            `${String(err)} at ${((now() - start) / 1000).toFixed(1)} s; ${lags()}`,
          );
          state.stop = true;
        },
      ),
    );
    const rng = new Rng(ctx.seed ^ 0xb40e4);
    const seeds = requestSeeds(ctx.seed);
    const attackers = CARRIERS.flatMap((carrier) =>
      Array.from({ length: ATTACKERS_PER_CARRIER }, (_, i) => {
        const own = new Rng(rng.u32());
        return attacker(broker, carrier, new Mutator(ctx.spec, own, seeds), own, stats, state).catch((err) =>
          fail(`attacker ${carrier}#${i} threw`, String(err)),
        );
      }),
    );
    while (now() < deadline && !state.stop) await sleep(100);
    state.stop = true;
    await Promise.all(attackers);
    await Promise.all(clean);
    await monitor;
    await checkBrokerStanding(broker, http, fail);
  } finally {
    state.stop = true;
    stalls.stop();
    await stopBrokerChecked(broker, failures);
  }
  return {
    name: 'broker',
    inputs: stats.frames,
    unit: 'frames sent',
    ms: now() - start,
    failures: failures.count,
    notes: [
      `${stats.connections} attacking connections (${stats.connectFailures} refused) and ${stats.eventStreamAttacks} event-stream connections, clean clients: ${stats.cleanRecords} records delivered in order, ${stats.cleanCacheOps} cache round trips`,
      `broker rss ${stats.warmRss >> 20} MiB warm, peak ${stats.peakRss >> 20} MiB; ${lags()}`,
    ],
  };
}
