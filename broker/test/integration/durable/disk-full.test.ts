// A full disk under a durable stream and a durable cache: the broker's data directory is a 4 MiB
// tmpfs, mounted in a mount namespace of its own (unshare: a user namespace, so no privilege is
// needed where user namespaces are allowed), and filled up with a ballast file reached through
// /proc/PID/root. Publishes and cache writes are then answered storage_unavailable and never
// acknowledged, the broker stays live and serves everything else, and once the ballast is gone
// writes succeed again, at the offsets the refused ones never took.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  brokerCommand,
  brokerReady,
  ephemeralBrokerEnv,
  metricValue,
  type ReadyBroker,
  scrapeMetrics,
  stopProcess,
  testClient,
} from '@felix/testkit';
import { afterAll, expect, it } from 'vitest';
import { at, cacheStream, fromBytes, publishBatch, readToTail, text } from './helpers.js';

const MOUNT_TMPFS_THEN_RUN = `mount -t tmpfs -o size=4m tmpfs "$1" || exit 97
shift
exec "$@"`;

/** Whether this host lets an unprivileged mount namespace mount a tmpfs (user namespaces allowed). */
function canMountTmpfs(): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'felix-tmpfs-probe-'));
  const probe = spawnSync('unshare', [
    '--map-root-user',
    '--mount',
    'sh',
    '-c',
    MOUNT_TMPFS_THEN_RUN,
    'sh',
    dir,
    'true',
  ]);
  rmSync(dir, { recursive: true, force: true });
  return probe.status === 0;
}

const base = mkdtempSync(join(tmpdir(), 'felix-disk-full-'));
let proc: ChildProcess | undefined;
afterAll(async () => {
  await stopProcess(proc);
  rmSync(base, { recursive: true, force: true });
});

/** Writes zeros to `path` until the file system refuses: it is then full. */
function fillUp(path: string): number {
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(16 * 1024);
  let written = 0;
  try {
    for (;;) written += writeSync(fd, chunk);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  } finally {
    closeSync(fd);
  }
  return written;
}

it.skipIf(!canMountTmpfs())(
  'refuses writes with storage_unavailable while the disk is full, stays live, and recovers when space returns',
  async () => {
    const dataDir = join(base, 'data');
    const config = join(base, 'felix.json');
    writeFileSync(
      config,
      JSON.stringify({
        registry: {
          t1: {
            default: {
              streams: { orders: { durable: true, fsync: 'on_commit' }, plain: {} },
              caches: [{ name: 'kv', durable: true }],
            },
          },
        },
      }),
    );
    spawnSync('mkdir', ['-p', dataDir]);
    const { command, args } = brokerCommand();
    proc = spawn(
      'unshare',
      ['--map-root-user', '--mount', 'sh', '-c', MOUNT_TMPFS_THEN_RUN, 'sh', dataDir, command, ...args],
      {
        env: { ...process.env, ...ephemeralBrokerEnv(dataDir), FELIX_CARRIERS: 'tls', FELIX_CONFIG: config },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    const ready: ReadyBroker = await brokerReady(proc, 30_000, (chunk) => (output += chunk));
    // The data directory as the broker sees it: its tmpfs, not the directory under it.
    const inside = (path: string) => `/proc/${proc!.pid}/root${path}`;
    const token = readFileSync(inside(ready.devTokenPath!), 'utf8').trim();
    const broker = { ...ready, token };
    const c = await testClient('tls', broker);
    const cache = await cacheStream(c);

    expect(await publishBatch(c, 'orders', [text('before-0'), text('before-1')], 1n)).toMatchObject({ status: 'ok' });
    const ballast = inside(join(dataDir, 'ballast'));
    expect(fillUp(ballast)).toBeGreaterThan(1024 * 1024);

    // Full: refused with the typed code, never acknowledged, whatever the form of the request.
    // Large enough to need new pages (what fits the segment's last page needs no more space).
    const big = (s: string) => text(s.padEnd(8192, '.'));
    const refused = await publishBatch(c, 'orders', [big('lost-0'), big('lost-1')], 2n);
    expect(refused).toMatchObject({ type: 'binary_publish_ack', status: 'error', request_id: 2n });
    expect((refused as { message: string }).message).toMatch(/^storage_unavailable: .*ENOSPC/);
    c.send({ type: 'publish', ...at('orders'), payload: big('lost-2'), request_id: 3 });
    expect(await c.control.next()).toMatchObject({
      type: 'publish_error',
      request_id: 3,
      code: 'storage_unavailable',
      retry: 'retry_after',
    });
    expect(
      await cache({
        type: 'cache_put',
        tenant_id: 't1',
        namespace: 'default',
        cache: 'kv',
        key: 'k',
        value: big('v'),
        ttl_ms: null,
        request_id: 4,
      }),
    ).toMatchObject({ type: 'error', code: 'storage_unavailable', request_id: 4 });

    // Live, ready, and serving what needs no disk.
    expect((await fetch(`http://127.0.0.1:${broker.httpPort}/live`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${broker.httpPort}/ready`)).status).toBe(200);
    expect(await publishBatch(c, 'plain', [text('memory')], 5n)).toMatchObject({ status: 'ok' });
    const metrics = await scrapeMetrics(broker.httpPort);
    expect(metricValue(metrics, 'felix_storage_write_refusals_total', { kind: 'stream' })).toBe(2);
    expect(metricValue(metrics, 'felix_storage_write_refusals_total', { kind: 'cache' })).toBe(1);

    // Space again: writes go on where the log left off.
    rmSync(ballast);
    expect(await publishBatch(c, 'orders', [text('after-0')], 6n)).toMatchObject({ status: 'ok' });
    expect(
      await cache({
        type: 'cache_put',
        tenant_id: 't1',
        namespace: 'default',
        cache: 'kv',
        key: 'k',
        value: text('v'),
        ttl_ms: null,
        request_id: 7,
      }),
    ).toEqual({ type: 'cache_ok', request_id: 7 });
    const { records } = await readToTail(c, 'orders');
    expect(records.map((r) => [r.offset, fromBytes(r.payload)])).toEqual([
      [0, 'before-0'],
      [1, 'before-1'],
      [2, 'after-0'],
    ]);
    c.close();
    expect(await stopProcess(proc), output).toBe(0);
  },
);
