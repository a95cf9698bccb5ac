import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GC_PROBE_HOOK, GC_SOCKET_ENV, readGc } from '../src/compare/gc-probe.js';
import type { Target } from '../src/compare/targets/index.js';
import { withTimeout } from '../src/compare/time.js';
import { serverWindow } from '../src/compare/workloads.js';

// A process that allocates `n` MB of short-lived objects when asked, and says when it is done.
const ALLOCATOR = `
process.on('message', (mb) => {
  // kept a while in a ring, so the optimiser cannot prove the objects dead and skip them
  const ring = new Array(1024);
  for (let i = 0; i < mb * 1024 * 16; i++) ring[i & 1023] = { i, pair: [i, i + 1] };
  process.send('done');
});
process.send('ready');
`;

describe('the gc probe', () => {
  let dir: string;
  let child: ChildProcess;
  let socket: string;
  /** Has the child allocate `mb` MB and resolves once it did. */
  const allocate = (mb: number) => {
    const done = withTimeout(new Promise((resolve) => child.once('message', resolve)), 20_000, 'allocation');
    child.send(mb);
    return done;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'felix-gc-probe-test-'));
    socket = join(dir, 'gc.sock');
    const script = join(dir, 'allocator.cjs');
    writeFileSync(script, ALLOCATOR);
    child = fork(script, [], {
      execArgv: [`--require=${GC_PROBE_HOOK}`],
      env: { ...process.env, [GC_SOCKET_ENV]: socket },
    });
    // The hook binds its socket before the script runs, so 'ready' means it is listening.
    await withTimeout(new Promise((resolve) => child.once('message', resolve)), 20_000, 'allocator start');
  });
  afterAll(() => {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts what the process allocated between two reads and the pauses that took', async () => {
    const start = await readGc(socket);
    await allocate(64);
    const end = await readGc(socket, start.epoch);
    expect(end.epoch).toBe(start.epoch + 1);
    // 64 MB asked for, in objects of at least 64 B each; the count may only exceed it a little
    expect(end.allocatedBytes - start.allocatedBytes).toBeGreaterThan(48 * 2 ** 20);
    expect(end.allocatedBytes - start.allocatedBytes).toBeLessThan(512 * 2 ** 20);
    expect(end.maxPauseUs).toBeGreaterThan(0); // that much cannot fit in the young generation
    // a read over a quiet process: what the read itself allocates, and no pause
    const quiet = await readGc(socket, end.epoch);
    expect(quiet.allocatedBytes - end.allocatedBytes).toBeLessThan(256 * 1024);
  });

  it('gives a workload window the allocation and longest pause of its server', async () => {
    const target: Target = { name: 'allocator', spec: { kind: 'tcp', port: 1 }, pid: child.pid, gcSocket: socket };
    const end = await serverWindow(target);
    await allocate(16);
    const cpu = await end();
    expect(cpu.serverCpuUs).toBeDefined(); // in clock ticks, which 16 MB may not fill
    expect(cpu.serverAllocatedBytes).toBeGreaterThan(12 * 2 ** 20);
    expect(cpu.serverMaxGcPauseUs).toBeGreaterThan(0);
  });

  it('leaves a window without a probe, or whose probe does not answer, without those numbers', async () => {
    const target: Target = {
      name: 'x',
      spec: { kind: 'tcp', port: 1 },
      pid: process.pid,
      gcSocket: join(dir, 'none.sock'),
    };
    const cpu = await (await serverWindow(target))();
    expect(cpu.serverCpuUs).toBeGreaterThanOrEqual(0);
    expect(cpu.serverAllocatedBytes).toBeUndefined();
    expect(cpu.serverMaxGcPauseUs).toBeUndefined();
  });
});
