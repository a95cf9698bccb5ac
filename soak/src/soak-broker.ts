// The broker under attack: the built broker as a process on loopback (testkit), with a memory
// budget and the settings an attack asks for, and a registry holding the clean pair's stream,
// the attack's target stream and cache, and whatever streams the attack brings.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrokerEndpoint, type BrokerProcess, startBrokerProcess } from '@felix/testkit';
import { CLEAN_STREAM } from './clean-pair.js';

/** The stream attacks publish to and subscribe on, and the cache they use. */
export const TARGET_STREAM = 'target';
export const TARGET_CACHE = 'soak';

/** Where the broker listens and who it is: what the observer thread and the attacks need. */
export interface SoakEndpoint extends BrokerEndpoint {
  httpPort: number;
  pid: number;
  /** The broker's data directory (tokens for other tenants are minted from its key). */
  dataDir: string;
}

export interface StreamLimits {
  maxRecords?: number;
  maxBytes?: number;
}

export interface SoakBrokerOptions {
  budgetBytes: number;
  /** FELIX_* settings beyond the budget (caps, deadlines, auto-create). */
  env?: Record<string, string>;
  /** Streams registered in t1/default besides the clean and target ones. */
  streams?: Record<string, StreamLimits>;
}

export interface SoakBroker {
  process: BrokerProcess;
  endpoint: SoakEndpoint;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startSoakBroker(options: SoakBrokerOptions): Promise<SoakBroker> {
  const dir = mkdtempSync(join(tmpdir(), 'felix-soak-'));
  const config = join(dir, 'config.json');
  const streams = { [CLEAN_STREAM]: {}, [TARGET_STREAM]: {}, ...options.streams };
  writeFileSync(config, JSON.stringify({ registry: { t1: { default: { streams, caches: [TARGET_CACHE] } } } }));
  let broker: BrokerProcess;
  try {
    broker = await startBrokerProcess({
      FELIX_CONFIG: config,
      // WebTransport is QUIC underneath; the attacks use TLS and QUIC.
      FELIX_CARRIERS: 'tls,quic',
      FELIX_MEMORY_BUDGET_BYTES: String(options.budgetBytes),
      FELIX_LOG_LEVEL: 'error',
      // The attack is over by the time the harness stops the broker: no need to wait 5 s for
      // sessions it left behind (the drain attack sets its own).
      FELIX_DRAIN_TIMEOUT_MS: '1000',
      // For profiling the broker under an attack, e.g. --require a CPU profile hook.
      ...(process.env.SOAK_BROKER_NODE_OPTIONS && { NODE_OPTIONS: process.env.SOAK_BROKER_NODE_OPTIONS }),
      ...options.env,
    });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const endpoint: SoakEndpoint = {
    ports: broker.ports,
    fingerprint: broker.fingerprint,
    token: broker.token,
    httpPort: broker.httpPort,
    pid: broker.proc.pid!,
    dataDir: broker.dataDir,
  };
  return {
    process: broker,
    endpoint,
    stop: async (signal) => {
      const code = await broker.stop(signal);
      rmSync(dir, { recursive: true, force: true });
      return code;
    },
  };
}
