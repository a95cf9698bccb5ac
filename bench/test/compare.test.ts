import type { Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCharts } from '../src/compare/report/charts.js';
import { renderMarkdown } from '../src/compare/report/markdown.js';
import { renderBarChart } from '../src/compare/report/svg.js';
import { type ComparisonReport, GOALS, goalMet, ratio } from '../src/compare/results.js';
import { combineRounds } from '../src/compare/rounds.js';
import type { Target } from '../src/compare/targets/index.js';
import { serveTcpFloor } from '../src/compare/tcp-floor-server.js';
import { cache, throughput } from '../src/compare/workloads.js';
import { parseProcStatTicks, processCpuUs } from '../src/shared/cpu.js';
import { summarize } from '../src/shared/stats.js';

describe('/proc accounting', () => {
  it('reads utime + stime past a command name holding spaces and parentheses', () => {
    const fields = Array.from({ length: 50 }, (_, i) => String(i + 3)); // field 3 onwards
    fields[11] = '700'; // utime, field 14
    fields[12] = '45'; // stime, field 15
    expect(parseProcStatTicks(`1234 (node (x) y) ${fields.join(' ')}`)).toBe(745);
  });

  it('refuses a line it cannot read', () => {
    expect(() => parseProcStatTicks('garbage')).toThrow(/unreadable/);
  });

  it('reads this process and gives up on one that does not exist', () => {
    expect(processCpuUs(process.pid)).toBeGreaterThan(0);
    expect(processCpuUs(2 ** 30)).toBeUndefined();
  });
});

describe('percentiles', () => {
  it('uses the nearest rank', () => {
    const s = summarize(Array.from({ length: 1000 }, (_, i) => 1000 - i));
    expect(s).toEqual({ n: 1000, p50: 501, p99: 991, p999: 1000, max: 1000 });
    expect(summarize([]).p50).toBeNaN();
  });
});

const lat = (p50: number, p99: number, p999: number) => ({ n: 1000, p50, p99, p999, max: p999 });
const cpu = {
  wallUs: 1e6,
  serverCpuUs: 950_000,
  loadGenCpuUs: 300_000,
  serverAllocatedBytes: 7_000_000,
  serverMaxGcPauseUs: 4100,
};
function sampleReport(): ComparisonReport {
  return {
    startedAt: '2025-01-01T00:00:00.000Z',
    command: 'npm run bench',
    seconds: 3,
    warmupSeconds: 1,
    rounds: 1,
    machine: { cores: 2, cpuModel: 'test', node: 'v20', loadavgBefore: [1, 1, 1], loadavgAfter: [2, 2, 2] },
    versions: { nats: 'v2.9' },
    targets: ['felix-tls', 'nats', 'redis', 'redis-tls'],
    rows: [
      { workload: 'latency', target: 'felix-tls', latencyUs: lat(100, 800, 1500), count: 1000, cpu },
      { workload: 'latency', target: 'nats', latencyUs: lat(120, 900, 2000), count: 1000, cpu },
      { workload: 'latency', target: 'redis', latencyUs: lat(90, 700, 1000), count: 1000, cpu },
      { workload: 'throughput', target: 'felix-tls', perSec: 50_000, count: 150_000, cpu },
      { workload: 'throughput', target: 'redis', perSec: 100_000, count: 300_000, cpu },
      { workload: 'throughput', target: 'nats', skipped: 'not measured in this test' },
      { workload: 'cacheGet', target: 'felix-tls', latencyUs: lat(50, 110, 300), count: 10, cpu },
      { workload: 'cacheGet', target: 'redis', latencyUs: lat(40, 100, 200), count: 10, cpu },
      { workload: 'cacheGet', target: 'redis-tls', latencyUs: lat(40, 50, 200), count: 10, cpu },
    ],
    notes: ['a note'],
  };
}

describe('rounds', () => {
  it('pools latency samples, takes the median rate and sums CPU', () => {
    const cpu1 = { wallUs: 1e6, serverCpuUs: 1e5, loadGenCpuUs: 2e5 };
    const rows = combineRounds([
      { workload: 'latency', target: 'a', samplesUs: [1, 2, 3], count: 3, cpu: cpu1 },
      { workload: 'throughput', target: 'a', perSec: 10, count: 10, cpu: cpu1 },
      { workload: 'latency', target: 'a', samplesUs: [100], count: 1, cpu: cpu1 },
      { workload: 'throughput', target: 'a', perSec: 1000, count: 1000, cpu: cpu1 },
      { workload: 'throughput', target: 'a', perSec: 30, count: 30, cpu: { ...cpu1, serverCpuUs: undefined } },
    ]);
    expect(rows).toHaveLength(2);
    const [lat, tput] = rows;
    expect(lat.latencyUs).toMatchObject({ n: 4, p50: 3, max: 100 });
    expect(lat.count).toBe(4);
    expect(lat.cpu).toEqual({ wallUs: 2e6, serverCpuUs: 2e5, loadGenCpuUs: 4e5 }); // no gc probe
    expect(tput.perSec).toBe(30);
    expect(tput.rounds).toEqual([10, 1000, 30]);
    expect(tput.cpu?.serverCpuUs).toBeUndefined(); // one round could not read it
  });

  it('sums allocation and keeps the longest GC pause of any round, or neither when a round lacks them', () => {
    const gc = (bytes: number, pauseUs: number) => ({
      wallUs: 1e6,
      loadGenCpuUs: 1,
      serverAllocatedBytes: bytes,
      serverMaxGcPauseUs: pauseUs,
    });
    const [both, partial] = combineRounds([
      { workload: 'fanout', target: 'a', perSec: 1, count: 1, cpu: gc(100, 900) },
      { workload: 'fanout', target: 'a', perSec: 1, count: 1, cpu: gc(50, 2500) },
      { workload: 'fanout', target: 'b', perSec: 1, count: 1, cpu: gc(100, 900) },
      { workload: 'fanout', target: 'b', perSec: 1, count: 1, cpu: { wallUs: 1e6, loadGenCpuUs: 1 } },
    ]);
    expect(both.cpu).toMatchObject({ serverAllocatedBytes: 150, serverMaxGcPauseUs: 2500 });
    expect(partial.cpu?.serverAllocatedBytes).toBeUndefined();
    expect(partial.cpu?.serverMaxGcPauseUs).toBeUndefined();
  });
});

describe('report', () => {
  it('computes Felix / peer ratios and judges the goals by them', () => {
    const report = sampleReport();
    expect(ratio(report, 'latency', 'p999', 'felix-tls', 'nats')).toBe(0.75);
    expect(ratio(report, 'throughput', 'perSec', 'felix-tls', 'redis')).toBe(0.5);
    expect(ratio(report, 'throughput', 'perSec', 'felix-tls', 'nats')).toBeUndefined();
    const [p999, tput, cacheP99] = GOALS;
    expect(goalMet(p999, 0.75)).toBe(true);
    expect(goalMet(tput, 0.5)).toBe(false);
    expect(goalMet(cacheP99, 1.1)).toBe(true);
    expect(goalMet(cacheP99, undefined)).toBeUndefined();
  });

  it('renders absolute numbers, ratios, CPU with saturation, goals and skips as markdown', () => {
    const md = renderMarkdown(sampleReport());
    expect(md).toContain('| pub→sub latency, 64 B at 5,000 msg/s, 1 subscriber | p50 µs | 100 | 120 | 90 | n/a |');
    expect(md).toContain('| workload | metric | felix-tls / nats | felix-tls / redis |');
    expect(md).toMatch(/\| pub→sub p999 ≤ NATS \| 0\.75 met \|/);
    expect(md).toMatch(/\| 1 KiB throughput ≥ Redis pub\/sub \| 0\.50 \*\*not met\*\* \|/);
    expect(md).toMatch(/\| cache get p99 ≤ 1\.2 × Redis GET \| 1\.10 met \|/);
    expect(md).toMatch(/\| cache get p99 ≤ 1\.2 × Redis GET over TLS \| 2\.20 \*\*not met\*\* \|/);
    expect(md).toContain('950.0 (0.95 ⚠)'); // µs per delivery at 1,000 deliveries, 0.95 cores
    expect(md).toContain('¹ nats, throughput: not measured in this test');
    // cpu in the sample: 0.95 server cores and 0.3 load-generator cores everywhere
    expect(md).toContain(
      '- Servers that kept a core busy (≥ 0.9 cores): felix-tls in latency (0.95), throughput (0.95), cacheGet (0.95);',
    );
    expect(md).not.toContain('The load generator kept a core busy');
  });

  it('renders bytes per delivery and the longest GC pause, with – where no probe can measure', () => {
    const md = renderMarkdown(sampleReport());
    // 7 MB over 1,000 deliveries, 4.1 ms; NATS and Redis cannot be measured
    expect(md).toContain('| pub→sub latency, 64 B at 5,000 msg/s, 1 subscriber | 7,000 B (4.10 ms) | – | – | n/a |');
    expect(md).toContain('| cache get + set, sequential | 700,000 B (4.10 ms) | n/a | – | – |');
    expect(md).toMatch(/- nats –: nats-server is a Go program/);
    expect(md).toMatch(/- redis-tls –: redis-server is C/);
  });

  it('draws one well-formed chart per measured workload, with n/a where there is no number', () => {
    const charts = renderCharts(sampleReport());
    expect([...charts.keys()]).toEqual(['latency.svg', 'throughput.svg', 'cache-get.svg']);
    const svg = charts.get('throughput.svg')!;
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('felix-tls deliveries/s: 50k deliveries/s');
    expect(svg).toContain('>n/a<');
    expect(svg.match(/<(\w+)[ >]/g)!.length).toBe(svg.match(/<\/\w+>|\/>/g)!.length); // every tag closed
  });

  it('escapes text in charts', () => {
    const svg = renderBarChart({ title: 'a < b & c', unit: 'x', groups: ['g'], series: [{ name: 's', values: [1] }] });
    expect(svg).toContain('a &lt; b &amp; c');
  });
});

describe('workloads against the TCP floor relay', () => {
  let server: Server;
  let target: Target;
  beforeAll(async () => {
    const port = await new Promise<number>((resolve) => {
      server = serveTcpFloor(resolve);
    });
    target = { name: 'tcp-floor', spec: { kind: 'tcp', port }, pid: process.pid };
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const timing = { seconds: 0.3, warmupSeconds: 0.05 };

  it('delivers closed-loop throughput to every subscriber and charges CPU to the server process', async () => {
    const r = await throughput(target, 't', { payloadBytes: 256, subscribers: 3, batch: 64 }, timing);
    expect(r.count).toBeGreaterThan(0);
    expect(r.count % 3).toBe(0); // batches of 64 reach all three subscribers
    expect(r.perSec).toBeGreaterThan(0);
    expect(r.cpu.serverCpuUs).toBeGreaterThan(0);
  });

  it('measures sequential cache latency and in-flight gets', async () => {
    const r = await cache(target, timing);
    expect(r.getUs.n).toBeGreaterThan(10);
    expect(r.setUs.n).toBe(r.getUs.n);
    expect(r.getUs.p50).toBeGreaterThan(0);
    expect(r.inFlight.perSec).toBeGreaterThan(0);
  });
});
