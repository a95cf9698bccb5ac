// The durable publish rows: the plan (which cases run, --quick's among them), the report's rows,
// ratios and goals for them, the pieces that decide where data goes and what a peer can do, and
// the workload against each real server (short windows; nothing timed is asserted).
import { Redis } from 'ioredis';
import { connect } from 'nats';
import { describe, expect, it } from 'vitest';
import { durableCases, durableWorkloadId, FSYNC_MODES, PEER_POLICY } from '../src/compare/durable-plan.js';
import { durablePeers } from '../src/compare/durable-targets.js';
import { renderCharts } from '../src/compare/report/charts.js';
import { renderMarkdown } from '../src/compare/report/markdown.js';
import { type ComparisonReport, GOALS, goalMet, ratio, WORKLOADS } from '../src/compare/results.js';
import { combineRounds } from '../src/compare/rounds.js';
import { durableRoot, mountOf, natsCanSyncAlways, startFelix, startNats, startRedis } from '../src/compare/servers.js';
import { type AckedRateResult, durablePublish } from '../src/compare/workloads.js';

describe('durable plan', () => {
  it('runs every fsync mode with 1 and 64 in flight, each a workload of the catalogue', () => {
    const cases = durableCases(false);
    expect(cases.map((c) => c.workload)).toEqual([
      'durableNone1',
      'durableNone64',
      'durablePeriodic1',
      'durablePeriodic64',
      'durableOnCommit1',
      'durableOnCommit64',
    ]);
    for (const c of cases) expect(WORKLOADS.find((w) => w.id === c.workload)?.kind).toBe('acked');
  });

  it('keeps one durable row in --quick: on_commit with 64 in flight', () => {
    expect(durableCases(true)).toEqual([{ mode: 'on_commit', inFlight: 64, workload: 'durableOnCommit64' }]);
  });

  it('pairs each mode with the peer settings the goals compare against', () => {
    expect(FSYNC_MODES.map((m) => PEER_POLICY[m].redis)).toEqual(['no', 'everysec', 'always']);
    expect(FSYNC_MODES.map((m) => PEER_POLICY[m].nats)).toEqual([undefined, 'default', 'always']);
    const onCommit = GOALS.find((g) => g.workload === durableWorkloadId('on_commit', 64));
    expect(onCommit).toMatchObject({ peer: 'nats', metric: 'perSec', bound: 1, lowerIsBetter: false });
    const periodic = GOALS.filter((g) => g.workload.startsWith('durablePeriodic'));
    expect(periodic.map((g) => g.peer)).toEqual(['redis', 'redis']);
  });

  it('runs durable peers over plain TCP, one column per peer asked for in any variant', () => {
    expect(durablePeers(['nats-tls', 'redis', 'tcp-floor'])).toEqual(['nats', 'redis']);
    expect(durablePeers(['tcp-floor'])).toEqual([]);
  });

  it('knows which nats-server takes sync_interval', () => {
    expect(natsCanSyncAlways('nats-server: v2.9.10')).toBe(false);
    expect(natsCanSyncAlways('nats-server: v2.10.0')).toBe(true);
    expect(natsCanSyncAlways('nats-server: v3.0.1')).toBe(true);
    expect(natsCanSyncAlways('unknown')).toBe(false);
  });
});

describe('durable data directory', () => {
  const mounts = [
    '/dev/vda / ext4 rw,relatime 0 0',
    'tmpfs /tmp tmpfs rw,nosuid 0 0',
    'tmpfs /dev/shm tmpfs rw 0 0',
    '/dev/vdb /work/data\\040dir xfs rw 0 0',
  ].join('\n');

  it('finds the mount holding a path: the longest mount point that contains it', () => {
    expect(mountOf('/tmp/felix-bench-x', mounts)).toEqual({ mountPoint: '/tmp', type: 'tmpfs', device: 'tmpfs' });
    expect(mountOf('/tmpfoo', mounts).type).toBe('ext4');
    expect(mountOf('/work/wt', mounts).type).toBe('ext4');
    expect(mountOf('/work/data dir/x', mounts)).toMatchObject({ type: 'xfs', device: '/dev/vdb' });
  });
});

const cpu = { wallUs: 1e6, serverCpuUs: 500_000, loadGenCpuUs: 300_000 };
const lat = (p50: number, p99: number) => ({ n: 100, p50, p99, p999: p99, max: p99 });
function durableReport(): ComparisonReport {
  return {
    startedAt: '2025-01-01T00:00:00.000Z',
    command: 'npm run bench -- --only durable',
    seconds: 2,
    warmupSeconds: 1,
    rounds: 1,
    machine: { cores: 2, cpuModel: 'test', node: 'v20', loadavgBefore: [1, 1, 1], loadavgAfter: [1, 1, 1] },
    versions: {},
    targets: ['felix-tls', 'felix-quic', 'nats', 'nats-tls', 'redis'],
    rows: [
      {
        workload: 'durableOnCommit64',
        target: 'felix-tls',
        perSec: 6000,
        latencyUs: lat(10_000, 20_000),
        count: 6000,
        cpu,
      },
      { workload: 'durableOnCommit64', target: 'nats', perSec: 5000, latencyUs: lat(12_000, 30_000), count: 5000, cpu },
      { workload: 'durableOnCommit64', target: 'redis', perSec: 8000, latencyUs: lat(8000, 16_000), count: 8000, cpu },
      { workload: 'durablePeriodic64', target: 'felix-tls', perSec: 30_000, latencyUs: lat(2000, 4000), count: 3, cpu },
      { workload: 'durablePeriodic64', target: 'redis', perSec: 40_000, latencyUs: lat(1500, 3000), count: 3, cpu },
      { workload: 'durablePeriodic1', target: 'felix-tls', perSec: 4000, latencyUs: lat(200, 400), count: 3, cpu },
      { workload: 'durablePeriodic1', target: 'nats', skipped: 'not in this test' },
      { workload: 'durablePeriodic1', target: 'redis', skipped: 'not in this test either' },
    ],
    notes: [],
  };
}

describe('durable rows in the report', () => {
  it('pools rounds of acked publishes into a rate and ack latencies', () => {
    const [row] = combineRounds([
      { workload: 'durableNone1', target: 'a', perSec: 10, samplesUs: [1, 2], count: 2, cpu },
      { workload: 'durableNone1', target: 'a', perSec: 30, samplesUs: [3], count: 1, cpu },
      { workload: 'durableNone1', target: 'a', perSec: 20, samplesUs: [4], count: 1, cpu },
    ]);
    expect(row.perSec).toBe(20);
    expect(row.rounds).toEqual([10, 30, 20]);
    expect(row.latencyUs).toMatchObject({ n: 4, p50: 3, max: 4 });
  });

  it('computes the goals: on_commit against JetStream synced, periodic against Redis everysec', () => {
    const report = durableReport();
    expect(ratio(report, 'durableOnCommit64', 'perSec', 'felix-tls', 'nats')).toBe(1.2);
    expect(ratio(report, 'durablePeriodic64', 'perSec', 'felix-tls', 'redis')).toBe(0.75);
    expect(ratio(report, 'durablePeriodic1', 'perSec', 'felix-tls', 'redis')).toBeUndefined();
    const goal = (w: string) => GOALS.find((g) => g.workload === w)!;
    expect(goalMet(goal('durableOnCommit64'), 1.2)).toBe(true);
    expect(goalMet(goal('durablePeriodic64'), 0.75)).toBe(false);
  });

  it('renders rate and ack latency, ratios and goals, only for what was measured', () => {
    const md = renderMarkdown(durableReport());
    expect(md).toMatch(
      /\| durable publish, 1 KiB, acked, fsync on_commit \(.*\), 64 in flight \| acked\/s \| 6000 \| n\/a \| 5000 \| n\/a \| 8000 \|/,
    );
    expect(md).toContain('|  | p50 µs | 10k | n/a | 12k | n/a | 8000 |');
    expect(md).toContain('¹ nats, durablePeriodic1: not in this test');
    expect(md).toMatch(/\| durable periodic, 1 publisher ≥ Redis AOF everysec \| skipped¹ \| skipped¹ \|/);
    expect(md).toMatch(
      /\| durable on_commit, 64 in flight ≥ JetStream synced \(sync_interval always\) \| 1\.20 met \| n\/a \|/,
    );
    expect(md).toMatch(/\| durable periodic, 64 in flight ≥ Redis AOF everysec \| 0\.75 \*\*not met\*\* \| n\/a \|/);
    // the durable peers run plain TCP: no goal row over TLS; no pub/sub workload was run
    expect(md).not.toContain('JetStream synced (sync_interval always) over TLS');
    expect(md).not.toContain('throughput, 1 KiB');
    // felix-quic ran no durable row, so its ratio table has none
    const quicSection = md.slice(md.indexOf('### felix-quic'), md.indexOf('## Server CPU'));
    expect(quicSection).not.toContain('durable publish');
    expect(md.slice(md.indexOf('### felix-tls'), md.indexOf('### felix-quic'))).toContain(
      '|  | p99 | 0.67 | n/a | 1.25 |',
    );
  });

  it('charts a durable workload with a bar group per target that has a row', () => {
    const svg = renderCharts(durableReport()).get('durable-on-commit64.svg')!;
    expect(svg).toContain('felix-tls acked/s');
    expect(svg).not.toContain('felix-quic');
    expect(svg).not.toContain('nats-tls');
  });
});

describe('acked durable publishes against the real servers', () => {
  const timing = { seconds: 0.3, warmupSeconds: 0.05 };
  const root = durableRoot().dir;
  // Every publish the window counted was acknowledged, and its latency was recorded.
  const checkResult = (r: AckedRateResult) => {
    expect(r.count).toBeGreaterThan(0);
    expect(r.samplesUs).toHaveLength(r.count);
    expect(Math.min(...r.samplesUs)).toBeGreaterThan(0);
    expect(r.cpu.serverCpuUs).toBeGreaterThan(0);
  };

  it('Felix acknowledges each publish to an on_commit stream registered by the admin request', async () => {
    const felix = await startFelix(['tls'], { durableRoot: root });
    try {
      await felix.registerDurableStream('durable-test', 'on_commit');
      const spec = {
        kind: 'felix',
        carrier: 'tls',
        port: felix.port,
        fingerprint: felix.fingerprint,
        token: felix.token,
      } as const;
      checkResult(await durablePublish({ name: 'felix-tls', spec, pid: felix.pid }, 'durable-test', 8, 1024, timing));
      // a refusal is an error naming the answer, not a row that measures an in-memory stream
      await expect(felix.registerDurableStream('bad\u0001name', 'none')).rejects.toThrow(/: 400 /);
    } finally {
      await felix.stop();
    }
  });

  it('Redis with AOF answers each XADD, and the stream holds what was acknowledged', async () => {
    const server = await startRedis({ durable: { root, appendfsync: 'everysec' } });
    const check = new Redis({ host: '127.0.0.1', port: server.port, lazyConnect: true });
    try {
      const r = await durablePublish(
        { name: 'redis', spec: { kind: 'redis', port: server.port }, pid: server.pid },
        's',
        8,
        1024,
        timing,
      );
      checkResult(r);
      await check.connect();
      expect(await check.xlen('s')).toBeGreaterThanOrEqual(r.count);
      expect(await check.config('GET', 'appendfsync')).toEqual(['appendfsync', 'everysec']);
    } finally {
      check.disconnect();
      await server.stop();
    }
  });

  it('JetStream acknowledges each publish to a file-stored stream', async () => {
    const server = await startNats({ durable: { root, syncAlways: false } });
    try {
      const target = { name: 'nats', spec: { kind: 'nats', port: server.port } as const, pid: server.pid };
      const r = await durablePublish(target, 'durable-test', 8, 1024, timing);
      checkResult(r);
      const nc = await connect({ servers: `127.0.0.1:${server.port}` });
      const info = await (await nc.jetstreamManager()).streams.info('durable-test');
      await nc.close();
      expect(info.config.storage).toBe('file');
      expect(info.state.messages).toBeGreaterThanOrEqual(r.count);
    } finally {
      await server.stop();
    }
  });
});
