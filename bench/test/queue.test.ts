// The queue rows: the plan (which cases run, --quick's among them, which targets), the ledger
// that matches acknowledgements to records and times them, the report's goals for them, and the
// workload against each real server (short windows; nothing timed is asserted).
import { Redis } from 'ioredis';
import { connect } from 'nats';
import { describe, expect, it } from 'vitest';
import { AckLedger, STAMP_BYTES } from '../src/compare/queue-ledger.js';
import {
  QUEUE_CONSUMERS,
  QUEUE_GROUP,
  queueCases,
  queueStream,
  queueTargetNames,
  queueWindow,
} from '../src/compare/queue-plan.js';
import { type QueueResult, queueConsume } from '../src/compare/queue-workload.js';
import { renderMarkdown } from '../src/compare/report/markdown.js';
import { type ComparisonReport, GOALS, WORKLOADS } from '../src/compare/results.js';
import { startFelix, startNats, startRedis } from '../src/compare/servers.js';
import type { Target } from '../src/compare/targets/index.js';

describe('queue plan', () => {
  it('runs 64 and 1 in flight per consumer, each an acked workload of the catalogue', () => {
    expect(queueCases(false).map((c) => c.workload)).toEqual(['queue64', 'queue1']);
    for (const c of queueCases(false)) expect(WORKLOADS.find((w) => w.id === c.workload)?.kind).toBe('acked');
  });

  it('keeps one queue row in --quick: 64 in flight, the one the rate goals read', () => {
    expect(queueCases(true)).toEqual([{ inFlight: 64, workload: 'queue64' }]);
  });

  it('keeps a backlog of twice what the consumers may hold', () => {
    expect(QUEUE_CONSUMERS).toBe(4);
    expect(queueWindow({ inFlight: 64 })).toBe(512);
    expect(queueWindow({ inFlight: 1 })).toBe(8);
  });

  it('measures Felix on TLS and QUIC, NATS and Redis in both variants, not the floor', () => {
    const all = [
      'felix-tls',
      'felix-webtransport',
      'felix-quic',
      'nats',
      'nats-tls',
      'redis',
      'redis-tls',
      'tcp-floor',
    ];
    expect(queueTargetNames(all)).toEqual(['felix-tls', 'felix-quic', 'nats', 'nats-tls', 'redis', 'redis-tls']);
  });

  it('gives every case, target and round a stream of its own', () => {
    const [c64, c1] = queueCases(false);
    const names = [queueStream(c64, 'nats', 1), queueStream(c64, 'nats', 2), queueStream(c1, 'nats', 1)];
    expect(new Set([...names, queueStream(c64, 'redis', 1)]).size).toBe(4);
  });

  it('reads the rate goals on 64 in flight and the p99 goals on 1, against each peer', () => {
    const goals = GOALS.filter((g) => g.workload.startsWith('queue'));
    expect(goals.map((g) => [g.workload, g.metric, g.peer, g.lowerIsBetter])).toEqual([
      ['queue64', 'perSec', 'redis', false],
      ['queue1', 'p99', 'redis', true],
      ['queue64', 'perSec', 'nats', false],
      ['queue1', 'p99', 'nats', true],
    ]);
    for (const g of goals) expect(g.bound).toBe(1);
  });
});

const record = () => new Uint8Array(1024);

describe('ack ledger', () => {
  it('lets the publisher run a window ahead of the acknowledgements', () => {
    const ledger = new AckLedger(3);
    expect(ledger.credit()).toBe(3);
    const sent = [record(), record(), record()];
    for (const p of sent) ledger.stamp(p, 0n);
    expect(ledger.credit()).toBe(0);
    ledger.ack(sent[1], 5n);
    expect(ledger.credit()).toBe(1);
    expect(ledger.drained).toBe(false);
    ledger.ack(sent[0], 5n);
    ledger.ack(sent[2], 5n);
    expect(ledger.drained).toBe(true);
  });

  it('times each record from its stamp to its ack, µs, only while measuring', () => {
    const ledger = new AckLedger(10);
    const [early, a, b] = [record(), record(), record()];
    ledger.stamp(early, 1_000n);
    ledger.stamp(a, 2_000n);
    ledger.stamp(b, 3_000n);
    ledger.ack(early, 9_000n);
    ledger.measure();
    ledger.ack(b, 253_000n);
    ledger.ack(a, 12_000n);
    expect(ledger.stopMeasuring()).toEqual([250, 10]);
    expect(ledger.stopMeasuring()).toEqual([]);
    expect(ledger.acked).toBe(3);
  });

  it('counts a second ack of a record as a duplicate: no credit, no sample', () => {
    const ledger = new AckLedger(2);
    const p = record();
    ledger.stamp(p, 0n);
    ledger.measure();
    ledger.ack(p, 1_000n);
    ledger.ack(p, 2_000n);
    expect(ledger).toMatchObject({ acked: 1, duplicates: 1, published: 1 });
    expect(ledger.credit()).toBe(2);
    expect(ledger.stopMeasuring()).toEqual([1]);
  });

  it('reads the stamp of a record that sits inside a larger buffer', () => {
    const ledger = new AckLedger(1);
    const backing = new Uint8Array(4096);
    const p = backing.subarray(100, 100 + 1024);
    ledger.stamp(p, 7_000n);
    ledger.measure();
    ledger.ack(Uint8Array.from(p), 9_000n); // the server hands back a copy
    expect(ledger.stopMeasuring()).toEqual([2]);
    expect(backing.subarray(0, 100).every((b) => b === 0)).toBe(true);
  });

  it('tells duplicates apart past its first allocation of seen records', () => {
    const ledger = new AckLedger(Number.POSITIVE_INFINITY);
    const p = record();
    for (let i = 0; i < 600_000; i++) ledger.stamp(p, 0n); // p now holds the last sequence number
    ledger.ack(p, 0n);
    ledger.ack(p, 0n);
    expect(ledger).toMatchObject({ acked: 1, duplicates: 1 });
  });

  it('refuses an ack of a record it never stamped, and a record too short for a stamp', () => {
    const ledger = new AckLedger(4);
    expect(() => ledger.ack(record(), 0n)).toThrow(/never published/);
    expect(() => ledger.stamp(new Uint8Array(STAMP_BYTES - 1), 0n)).toThrow(RangeError);
  });
});

const cpu = { wallUs: 1e6, serverCpuUs: 500_000, loadGenCpuUs: 300_000 };
const lat = (p50: number, p99: number) => ({ n: 100, p50, p99, p999: p99, max: p99 });

describe('queue rows in the report', () => {
  it('renders the goals: rate ratios on 64 in flight, p99 ratios on 1 in flight', () => {
    const report: ComparisonReport = {
      startedAt: '2025-01-01T00:00:00.000Z',
      command: 'npm run bench -- --only queues',
      seconds: 2,
      warmupSeconds: 1,
      rounds: 1,
      machine: { cores: 2, cpuModel: 'test', node: 'v20', loadavgBefore: [1, 1, 1], loadavgAfter: [1, 1, 1] },
      versions: {},
      targets: ['felix-tls', 'nats', 'redis'],
      rows: [
        { workload: 'queue64', target: 'felix-tls', perSec: 30_000, latencyUs: lat(9000, 20_000), count: 9, cpu },
        { workload: 'queue64', target: 'nats', perSec: 15_000, latencyUs: lat(9000, 20_000), count: 9, cpu },
        { workload: 'queue64', target: 'redis', perSec: 40_000, latencyUs: lat(9000, 20_000), count: 9, cpu },
        { workload: 'queue1', target: 'felix-tls', perSec: 9000, latencyUs: lat(300, 1000), count: 9, cpu },
        { workload: 'queue1', target: 'nats', perSec: 7000, latencyUs: lat(700, 5000), count: 9, cpu },
        { workload: 'queue1', target: 'redis', perSec: 14_000, latencyUs: lat(350, 800), count: 9, cpu },
      ],
      notes: [],
    };
    const md = renderMarkdown(report);
    expect(md).toMatch(
      /\| queue, 1 KiB, 4 consumers in a group, 64 in flight each, acked \| acked\/s \| 30k \| 15k \| 40k \|/,
    );
    expect(md).toContain('| queue, 64 in flight, acked/s ≥ Redis Streams group | 0.75 **not met** |');
    expect(md).toContain('| queue, 64 in flight, acked/s ≥ JetStream work queue | 2.00 met |');
    expect(md).toContain('| queue, 1 in flight, publish→ack p99 ≤ Redis Streams group | 1.25 **not met** |');
    expect(md).toContain('| queue, 1 in flight, publish→ack p99 ≤ JetStream work queue | 0.20 met |');
  });
});

describe('the queue workload against the real servers', () => {
  const timing = { seconds: 0.3, warmupSeconds: 0.05 };
  const [pipelined, single] = queueCases(false);
  // Every record the window counted was acknowledged once, and its latency was recorded.
  const checkResult = (r: QueueResult) => {
    expect(r.count).toBeGreaterThan(0);
    expect(r.samplesUs).toHaveLength(r.count);
    expect(Math.min(...r.samplesUs)).toBeGreaterThan(0);
    expect(r.duplicates).toBe(0);
    expect(r.cpu.serverCpuUs).toBeGreaterThan(0);
  };

  it('Redis: a consumer group of 4 acknowledges everything published, and nothing stays pending', async () => {
    const server = await startRedis();
    const check = new Redis({ host: '127.0.0.1', port: server.port, lazyConnect: true });
    try {
      const target: Target = { name: 'redis', spec: { kind: 'redis', port: server.port }, pid: server.pid };
      checkResult(await queueConsume(target, pipelined, 'q64', timing));
      checkResult(await queueConsume(target, single, 'q1', timing));
      await check.connect();
      const groups = (await check.xinfo('GROUPS', 'q64')) as unknown[][];
      const info = Object.fromEntries(
        Array.from({ length: groups[0].length / 2 }, (_, i) => [groups[0][2 * i], groups[0][2 * i + 1]]),
      );
      expect(info).toMatchObject({ name: QUEUE_GROUP, consumers: 4, pending: 0 });
    } finally {
      check.disconnect();
      await server.stop();
    }
  });

  it('JetStream: the work queue is empty once every record was acknowledged', async () => {
    const server = await startNats();
    try {
      const target: Target = { name: 'nats', spec: { kind: 'nats', port: server.port }, pid: server.pid };
      checkResult(await queueConsume(target, pipelined, 'q64', timing));
      checkResult(await queueConsume(target, single, 'q1', timing));
      const nc = await connect({ servers: `127.0.0.1:${server.port}` });
      const info = await (await nc.jetstreamManager()).streams.info('q64');
      await nc.close();
      expect(info.config.retention).toBe('workqueue');
      expect(info.state.messages).toBe(0);
    } finally {
      await server.stop();
    }
  });

  it('Felix: a group of 4 SDK consumers on TLS and QUIC', async () => {
    const felix = await startFelix(['tls', 'quic']);
    try {
      for (const carrier of ['tls', 'quic'] as const) {
        const spec = {
          kind: 'felix',
          carrier,
          port: felix.ports[carrier],
          fingerprint: felix.fingerprint,
          token: felix.token,
        } as const;
        const target: Target = { name: `felix-${carrier}`, spec, pid: felix.pid };
        checkResult(await queueConsume(target, pipelined, `q64-${carrier}`, timing));
        checkResult(await queueConsume(target, single, `q1-${carrier}`, timing));
      }
    } finally {
      await felix.stop();
    }
  });
});
