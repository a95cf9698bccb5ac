// The live broker's authentication under attack: sessions present forged and mutated tokens
// and auth frames, send requests before auth and auth twice, and every answer is checked
// against two oracles: the token oracle (token-judge.ts: which tokens must be accepted for
// which tenant) and the permission oracle (a request succeeds iff the token's compiled perms
// allow it in the session's tenant; every refusal says unauthenticated or forbidden). An
// auditor checks that refused requests left no trace, and a clean client beside the attack
// must lose nothing, as in the broker target.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  compilePermissions,
  DEV_AUTH_DIR,
  DEV_SIGNING_KEY_FILE,
  generateSigningKey,
  mintToken,
  readPrivateJwkFile,
} from '@felix/broker/auth';
import { startBrokerProcess } from '@felix/testkit';
import { Rng } from '../../rng.js';
import { cleanClient } from '../broker/clean-client.js';
import { checkBrokerStanding, stopBrokerChecked, watchBroker } from '../broker/health-watch.js';
import { newStats, watchStalls } from '../broker/stats.js';
import { sleep } from '../broker/waiting.js';
import { failureCounter, now, type TargetContext, type TargetResult } from '../common.js';
import { Auditor } from './auditor.js';
import { ed25519Key } from './compact-jws.js';
import { type Grants, type ProbeEnv, prober } from './probe.js';
import { CARRIERS, REGISTRY } from './registry.js';
import { familiesLine, newAuthStats } from './stats.js';
import { TokenForge } from './token-forge.js';

export type { Grants } from './probe.js';

export interface AuthTargetOptions {
  /** The permission oracle (default: the broker's compilePermissions); a test hands in a broken one. */
  grants?: Grants;
}

/** The broker's clock leeway, small so that tokens near their expiry are common. */
const LEEWAY_SEC = 2;
/** Sessions probing at once. */
const PROBERS = 4;
/** Kept back from the budget for the auditor's and clean clients' final checks and the broker's stop. */
const FINISH_MS = 1000;

export async function runAuth(ctx: TargetContext, options: AuthTargetOptions = {}): Promise<TargetResult> {
  const start = now();
  const stats = newAuthStats();
  // The broker target's counters, which its health watch and clean client keep.
  const health = newStats();
  const stalls = watchStalls(health);
  const lags = stalls.describe;
  const failures = failureCounter(ctx, 'auth');
  const fail = failures.fail;
  const counts = { records: 0, cacheChecks: 0 };
  const configDir = mkdtempSync(join(tmpdir(), 'felix-fuzz-auth-'));
  const configPath = join(configDir, 'felix.json');
  writeFileSync(configPath, JSON.stringify({ registry: REGISTRY }));
  const broker = await startBrokerProcess({
    FELIX_CARRIERS: CARRIERS.join(','),
    FELIX_CONFIG: configPath,
    FELIX_LOG_LEVEL: 'error',
    FELIX_AUTH_CLOCK_LEEWAY_SECONDS: String(LEEWAY_SEC),
  }).catch((err: unknown) => {
    rmSync(configDir, { recursive: true, force: true });
    throw err;
  });
  const http = (path: string) =>
    fetch(`http://127.0.0.1:${broker.httpPort}${path}`, { signal: AbortSignal.timeout(3000) });
  const state = { stop: false };
  try {
    if (broker.token === undefined) throw new Error('the broker made no dev token');
    const privateJwk = await readPrivateJwkFile(join(broker.dataDir, DEV_AUTH_DIR, DEV_SIGNING_KEY_FILE));
    const key = ed25519Key(privateJwk);
    const stranger = ed25519Key((await generateSigningKey('fuzz-stranger')).privateJwk);
    const t2Admin = await mintToken({
      privateJwk,
      tenant: 't2',
      subject: 'p:fuzz-auditor',
      permissions: ['tenant.manage:tenant:t2'],
      ttlSec: 3600,
    });
    const auditor = await Auditor.start(broker, { t1: broker.token, t2: t2Admin }, fail);
    const monitor = watchBroker(broker, http, health, state, fail, lags);
    // Settled at once, so a failing clean client is reported rather than an unhandled rejection.
    const clean = CARRIERS.map((carrier, i) =>
      cleanClient(broker, carrier, ctx.seed + i, health, state).catch((err: unknown) => {
        fail(
          `the clean client over ${carrier} failed`,
          `${String(err)} at ${((now() - start) / 1000).toFixed(1)} s; ${lags()}`,
        );
        state.stop = true;
      }),
    );
    const deadline = start + ctx.budgetMs - FINISH_MS;
    const rng = new Rng(ctx.seed ^ 0xa0e4);
    let tags = 0;
    const run = ctx.seed.toString(36);
    const probers = Array.from({ length: PROBERS }, () => {
      const own = new Rng(rng.u32());
      const env: ProbeEnv = {
        broker,
        key,
        forge: new TokenForge(key, stranger, own, LEEWAY_SEC),
        leewaySec: LEEWAY_SEC,
        grants: options.grants ?? compilePermissions,
        auditor,
        stats,
        state,
        fail,
        tag: () => `fz-${run}-${tags++}`,
        stopAt: Date.now() + (deadline - now()),
      };
      return prober(env, own);
    });
    while (now() < deadline && !state.stop) await sleep(100);
    state.stop = true;
    await Promise.all(probers);
    await auditor.finish();
    Object.assign(counts, { records: auditor.records, cacheChecks: auditor.cacheChecks });
    await Promise.all(clean);
    await monitor;
    await checkBrokerStanding(broker, http, fail);
  } finally {
    state.stop = true;
    stalls.stop();
    await stopBrokerChecked(broker, failures);
    rmSync(configDir, { recursive: true, force: true });
  }
  return {
    name: 'auth',
    inputs: stats.attempts + stats.beforeAuth,
    unit: 'sessions probed',
    ms: now() - start,
    failures: failures.count,
    notes: [
      `${stats.attempts} auths (${stats.accepted} accepted, ${stats.refused} refused, ${stats.connectFailures} connects failed), ${stats.beforeAuth} requests before auth, ${stats.reauths} second auths`,
      `accepted/tried by family: ${familiesLine(stats)}`,
      `requests on accepted sessions: ${stats.allowed} allowed, ${stats.forbidden} forbidden, ${stats.notFound} not_found; ${stats.expired} sessions ended by expiry`,
      `auditor: ${counts.records} records read, ${counts.cacheChecks} refused puts read back; clean clients: ${health.cleanRecords} records in order, ${health.cleanCacheOps} cache round trips; ${lags()}`,
    ],
  };
}
