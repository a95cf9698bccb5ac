// Sets up what the durable rows publish to: a durable stream on the Felix broker per case, with
// the case's fsync mode, and for each mode the peers' servers with their nearest setting (see
// PEER_POLICY), each a process of its own with its data under the durable root, so its CPU and
// its fsyncs are its own. A peer that has no such setting gets a skipped row saying why.
import { type DurableCase, durableStream, type FsyncMode, PEER_POLICY } from './durable-plan.js';
import type { Row } from './results.js';
import {
  type FelixServer,
  installedVersion,
  natsCanSyncAlways,
  type PeerServer,
  type Server,
  startNats,
  startRedis,
} from './servers.js';
import type { Target } from './targets/index.js';

export interface DurableTarget extends Target {
  mode: FsyncMode;
}

export interface DurableSetup {
  targets: DurableTarget[];
  /** Rows that cannot be measured, with the reason. */
  skipped: Row[];
  versions: Record<string, string>;
}

/** The peer columns the durable rows fill: plain TCP, whichever of each peer's variants was asked for. */
export function durablePeers(peers: string[]): ('nats' | 'redis')[] {
  return (['nats', 'redis'] as const).filter((p) => peers.some((q) => q.startsWith(p)));
}

/**
 * Registers the Felix streams and starts the peers' servers; every server started is pushed to
 * `servers` at once, so the caller stops it whatever fails later.
 */
export async function startDurableTargets(options: {
  cases: DurableCase[];
  felix: FelixServer;
  felixTarget: Target;
  peers: string[];
  root: string;
  servers: Server[];
}): Promise<DurableSetup> {
  const { cases, felix, felixTarget, root, servers } = options;
  const setup: DurableSetup = { targets: [], skipped: [], versions: {} };
  const modes = [...new Set(cases.map((c) => c.mode))];
  for (const c of cases) await felix.registerDurableStream(durableStream(c), c.mode);
  for (const mode of modes) setup.targets.push({ ...felixTarget, mode });
  const started = async (mode: FsyncMode, start: () => Promise<PeerServer>) => {
    const server = await start();
    servers.push(server);
    setup.versions[server.name] = server.version;
    setup.targets.push({
      name: server.name,
      spec: { kind: server.name as 'nats' | 'redis', port: server.port },
      pid: server.pid,
      mode,
    });
  };
  for (const peer of durablePeers(options.peers))
    for (const mode of modes) {
      const policy = PEER_POLICY[mode];
      if (peer === 'redis') {
        await started(mode, () => startRedis({ durable: { root, appendfsync: policy.redis } }));
        continue;
      }
      if (!policy.nats) continue; // no peer row: nothing in JetStream matches the mode
      const version = installedVersion('nats-server', 'nats-server');
      if (policy.nats === 'always' && !natsCanSyncAlways(version)) {
        const why = `${version} has no JetStream sync_interval (new in 2.10), so it cannot fsync before each ack`;
        for (const c of cases.filter((c) => c.mode === mode))
          setup.skipped.push({ workload: c.workload, target: 'nats', skipped: why });
        continue;
      }
      await started(mode, () => startNats({ durable: { root, syncAlways: policy.nats === 'always' } }));
    }
  return setup;
}
