// Starts the systems under comparison as separate processes on loopback with ephemeral ports,
// so each one's CPU time can be read from /proc, and stops them all afterwards. nats-server and
// redis-server come from Debian; they are installed with apt-get when missing (a nats-server
// newer than the system's, which `npm run setup -- --test` unpacks under .tmp/debian, comes first).
import { type ChildProcess, execFileSync, fork, spawn } from 'node:child_process';
import {
  accessSync,
  constants,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type CarrierName,
  denoBrokerCommand,
  denoExecutable,
  startBrokerProcess,
  testBrokerCommand,
} from '@felix/testkit';
import { createSelfSigned } from '@felix/transport';
import type { AppendFsync, FsyncMode } from './durable-plan.js';
import { CPU_PROFILE_HOOK, GC_PROBE_HOOK, GC_SOCKET_ENV } from './gc-probe.js';
import { withTimeout } from './time.js';

export interface Server {
  name: string;
  pid: number | undefined;
  port: number;
  version: string;
  /** The Unix socket of its gc probe (gc-probe-hook.cjs), when it is a Node process that loaded it. */
  gcSocket?: string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
const scratchDirs = new Set<string>();
/** Kills whatever is still running and removes its scratch directories; for exits that cannot wait. */
export function killAllNow(): void {
  for (const p of running) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
}

function scratchDir(prefix: string, root = tmpdir()): string {
  const dir = mkdtempSync(join(root, prefix));
  scratchDirs.add(dir);
  return dir;
}

function removeScratch(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  scratchDirs.delete(dir);
}

/** The mount holding `path` in a /proc/mounts listing: its mount point, type and device. */
export function mountOf(path: string, mounts: string): { mountPoint: string; type: string; device: string } {
  let best = { mountPoint: '/', type: 'unknown', device: 'unknown' };
  for (const line of mounts.split('\n')) {
    const [device, rawPoint, type] = line.split(' ');
    if (!type) continue;
    // /proc/mounts writes spaces and such in octal escapes
    const mountPoint = rawPoint.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(Number.parseInt(o, 8)));
    const inside = path === mountPoint || path.startsWith(mountPoint.endsWith('/') ? mountPoint : `${mountPoint}/`);
    // the longest mount point wins; of equal ones the last mounted, which hides the others
    if (inside && mountPoint.length >= best.mountPoint.length) best = { mountPoint, type, device };
  }
  return best;
}

const MEMORY_FILESYSTEMS = new Set(['tmpfs', 'ramfs']);

export interface DurableRoot {
  dir: string;
  /** Where that is, for the report: the directory, its filesystem and device. */
  description: string;
}

/**
 * Where durable logs go: the system temp dir, unless it lives in memory (tmpfs), where an fsync
 * costs nothing and the durable rows would measure no disk; then `.tmp/` in the working
 * directory (the checkout, gitignored).
 */
export function durableRoot(): DurableRoot {
  let mounts = '';
  try {
    mounts = readFileSync('/proc/self/mounts', 'utf8');
  } catch {}
  const describe = (dir: string) => {
    const m = mountOf(realpathSync(dir), mounts);
    return { dir, description: `${dir} (${m.type} on ${m.device})`, type: m.type };
  };
  const temp = describe(tmpdir());
  if (!MEMORY_FILESYSTEMS.has(temp.type)) return temp;
  const local = join(process.cwd(), '.tmp');
  mkdirSync(local, { recursive: true });
  const fallback = describe(local);
  return { dir: fallback.dir, description: `${fallback.description}, as ${temp.description} is in memory` };
}

export function track(proc: ChildProcess): ChildProcess {
  running.add(proc);
  proc.once('exit', () => running.delete(proc));
  return proc;
}

/** SIGTERM, then SIGKILL if it is still there after `graceMs`. */
async function stopProcess(proc: ChildProcess, graceMs = 5000): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  proc.kill('SIGTERM');
  try {
    await withTimeout(exited, graceMs, `${proc.spawnfile} stop`);
  } catch {
    proc.kill('SIGKILL');
    await withTimeout(exited, 2000, `${proc.spawnfile} kill`).catch(() => {});
  }
}

/** Where `npm run setup -- --test` unpacks Debian binaries newer than the system's (nats-server). */
const LOCAL_DEBIAN = fileURLToPath(new URL('../../../.tmp/debian', import.meta.url));

function localDebianDirs(): string[] {
  try {
    return readdirSync(LOCAL_DEBIAN).map((d) => join(LOCAL_DEBIAN, d, 'usr/sbin'));
  } catch {
    return [];
  }
}

function onPath(binary: string): string | undefined {
  const dirs = [...localDebianDirs(), ...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/usr/bin', '/sbin'];
  for (const dir of dirs) {
    try {
      accessSync(join(dir, binary), constants.X_OK);
      return join(dir, binary);
    } catch {}
  }
  return undefined;
}

/** The binary's path, installing its Debian package first when it is missing. */
export function ensureInstalled(binary: string, debianPackage: string): string {
  const found = onPath(binary);
  if (found) return found;
  const asRoot = process.getuid?.() === 0;
  const apt = (...args: string[]) =>
    execFileSync(asRoot ? 'apt-get' : 'sudo', asRoot ? args : ['apt-get', ...args], {
      stdio: ['ignore', 'ignore', 'inherit'],
      timeout: 300_000,
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  try {
    apt('install', '-y', '--no-install-recommends', debianPackage);
  } catch {
    apt('update');
    apt('install', '-y', '--no-install-recommends', debianPackage);
  }
  const installed = onPath(binary);
  if (!installed) throw new Error(`${binary} is still missing after apt-get install ${debianPackage}`);
  return installed;
}

/** A port that was free a moment ago (the servers below cannot report an ephemeral one back). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Spawns `binary` and waits until its output contains `readyText`. */
async function spawnUntilReady(name: string, binary: string, args: string[], readyText: string) {
  const proc = track(spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] }));
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    const check = (chunk: Buffer) => {
      output += chunk;
      if (output.includes(readyText)) resolve();
    };
    proc.stdout!.on('data', check);
    proc.stderr!.on('data', check);
    proc.once('error', reject);
    proc.once('exit', (code) => reject(new Error(`${name} exited with ${code}: ${output.trim().slice(-500)}`)));
  });
  try {
    await withTimeout(ready, 15_000, `${name} start`);
  } catch (err) {
    await stopProcess(proc);
    throw err;
  }
  // Output is no longer needed, but a full pipe would block the server.
  proc.stdout!.resume();
  proc.stderr!.resume();
  return proc;
}

/** The first line of `binary --version`, installing it first when it is missing. */
export function installedVersion(binary: string, debianPackage: string): string {
  return firstLine(ensureInstalled(binary, debianPackage), ['--version']);
}

function firstLine(binary: string, args: string[]): string {
  try {
    return execFileSync(binary, args, { encoding: 'utf8', timeout: 5000 }).trim().split('\n')[0];
  } catch {
    return 'unknown';
  }
}

/** A self-signed certificate for 127.0.0.1 written into `dir`, for a peer served over TLS. */
async function writeCertificate(dir: string) {
  const pair = await createSelfSigned({ commonName: 'felix-bench-peer', hosts: ['127.0.0.1', 'localhost'] });
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  writeFileSync(certFile, pair.cert);
  writeFileSync(keyFile, pair.key);
  return { certFile, keyFile, ca: pair.cert };
}

export interface PeerServer extends Server {
  /** The CA to trust, when served over TLS. */
  ca?: string;
}

/** A started peer: named `<name>-tls` when served over TLS; stopping it also removes its scratch `dir`. */
function peerServer(
  name: string,
  started: { proc: ChildProcess; binary: string; port: number; dir: string; tls?: { ca: string } },
): PeerServer {
  const { proc, binary, port, dir, tls } = started;
  return {
    name: tls ? `${name}-tls` : name,
    ca: tls?.ca,
    pid: proc.pid,
    port,
    version: firstLine(binary, ['--version']),
    async stop() {
      await stopProcess(proc);
      removeScratch(dir);
    },
  };
}

/** Whether this nats-server (its `--version` line) takes JetStream's `sync_interval: always`, new in 2.10. */
export function natsCanSyncAlways(version: string): boolean {
  const m = /v?(\d+)\.(\d+)\./.exec(version);
  return m !== null && (Number(m[1]) > 2 || (Number(m[1]) === 2 && Number(m[2]) >= 10));
}

export interface NatsOptions {
  tls?: boolean;
  /** A JetStream file store for durable streams, made under `root`; `syncAlways` fsyncs every write. */
  durable?: { root: string; syncAlways: boolean };
}

export async function startNats(options: NatsOptions = {}): Promise<PeerServer> {
  const binary = ensureInstalled('nats-server', 'nats-server');
  const port = await freePort();
  const storeDir = scratchDir('felix-bench-nats-', options.durable?.root);
  const tls = options.tls ? await writeCertificate(storeDir) : undefined;
  let jetstream = ['-js', '-sd', storeDir];
  if (options.durable?.syncAlways) {
    // sync_interval has no command-line flag
    const config = join(storeDir, 'nats.conf');
    writeFileSync(
      config,
      `jetstream {\n  store_dir: ${JSON.stringify(join(storeDir, 'js'))}\n  sync_interval: always\n}\n`,
    );
    jetstream = ['-c', config];
  }
  // Without `durable` the store only holds the cache workloads' KV bucket, which is memory-backed.
  const proc = await spawnUntilReady(
    'nats-server',
    binary,
    [
      ...['-a', '127.0.0.1', '-p', String(port), ...jetstream],
      ...(tls ? ['--tls', '--tlscert', tls.certFile, '--tlskey', tls.keyFile] : []),
    ],
    'Server is ready',
  );
  return peerServer('nats', { proc, binary, port, dir: storeDir, tls });
}

export interface RedisOptions {
  tls?: boolean;
  /** An append-only file under `root`, fsynced as `appendfsync` says; without it, memory only. */
  durable?: { root: string; appendfsync: AppendFsync };
}

export async function startRedis(options: RedisOptions = {}): Promise<PeerServer> {
  const binary = ensureInstalled('redis-server', 'redis-server');
  const port = await freePort();
  const dir = scratchDir('felix-bench-redis-', options.durable?.root);
  const tls = options.tls ? await writeCertificate(dir) : undefined;
  const listen = tls
    ? [
        ...['--port', '0', '--tls-port', String(port), '--tls-cert-file', tls.certFile],
        ...['--tls-key-file', tls.keyFile, '--tls-ca-cert-file', tls.certFile, '--tls-auth-clients', 'no'],
      ]
    : ['--port', String(port)];
  // In memory only, like the Felix cache, unless durable: then the AOF, and still no snapshots.
  const persistence = options.durable
    ? ['--appendonly', 'yes', '--appendfsync', options.durable.appendfsync]
    : ['--appendonly', 'no'];
  const proc = await spawnUntilReady(
    'redis-server',
    binary,
    ['--bind', '127.0.0.1', ...listen, '--save', '', ...persistence, '--dir', dir],
    'Ready to accept connections',
  );
  return peerServer('redis', { proc, binary, port, dir, tls });
}

/** A socket path for a server's gc probe, in a scratch directory removed with the others. */
function gcSocketPath(): string {
  return join(scratchDir('felix-bench-gc-'), 'gc.sock');
}

/** The relay in tcp-floor-server.ts, run by `bundle` (this program) in the role it names. */
export async function startTcpFloor(bundle: string): Promise<Server> {
  const gcSocket = gcSocketPath();
  const proc = track(
    fork(bundle, ['--role', 'tcp-floor-server'], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      execArgv: [...process.execArgv, `--require=${GC_PROBE_HOOK}`],
      env: { ...process.env, [GC_SOCKET_ENV]: gcSocket },
    }),
  );
  const port = await withTimeout(
    new Promise<number>((resolve, reject) => {
      proc.once('message', (m) => resolve(Number(m)));
      proc.once('exit', (code) => reject(new Error(`tcp floor server exited with ${code}`)));
    }),
    15_000,
    'tcp floor server start',
  );
  return {
    name: 'tcp-floor',
    pid: proc.pid,
    port,
    version: `node ${process.version}`,
    gcSocket,
    async stop() {
      await stopProcess(proc);
      removeScratch(dirname(gcSocket));
    },
  };
}

export interface FelixServer extends Server {
  ports: Record<string, number>;
  fingerprint: string;
  /** The broker's self-signed certificate (PEM). */
  ca: string;
  /** The broker's dev token, which its clients authenticate with. */
  token: string;
  /** Registers a durable stream of tenant t1, namespace default, with the admin request. */
  registerDurableStream(stream: string, fsync: FsyncMode): Promise<void>;
}

export interface FelixOptions {
  /** Write a CPU profile of the broker here when it exits. */
  cpuProfileDir?: string;
  /** Node options for the broker process (NODE_OPTIONS), for experiments such as GC sizing. */
  nodeOptions?: string;
  /** Where durable streams keep their logs: a scratch directory made under this one. */
  durableRoot?: string;
  /** The runtime the broker runs on (default Node). */
  host?: 'node' | 'deno';
}

/** The real broker process. */
export async function startFelix(carriers: CarrierName[], options: FelixOptions = {}): Promise<FelixServer> {
  const env: Record<string, string> = {
    FELIX_CARRIERS: carriers.join(','),
    FELIX_LOG_LEVEL: 'error',
    FELIX_AUTO_CREATE: 'true', // one stream per workload, so no workload sees another's records
  };
  const durableDir = options.durableRoot ? scratchDir('felix-bench-durable-', options.durableRoot) : undefined;
  if (durableDir) env.FELIX_DURABLE_DIR = durableDir;
  const deno = options.host === 'deno';
  const nodeOptions = options.nodeOptions ? [options.nodeOptions] : [];
  if (options.cpuProfileDir) {
    nodeOptions.push(`--require=${CPU_PROFILE_HOOK}`);
    env.FELIX_BENCH_CPU_PROFILE_DIR = options.cpuProfileDir;
  }
  // Deno takes no --require; its GC goes unmeasured.
  const gcSocket = deno ? undefined : gcSocketPath();
  if (gcSocket) {
    nodeOptions.push(`--require=${GC_PROBE_HOOK}`);
    env[GC_SOCKET_ENV] = gcSocket;
  }
  if (nodeOptions.length > 0) env.NODE_OPTIONS = nodeOptions.join(' ');
  const broker = await startBrokerProcess(env, 20_000, deno ? denoBrokerCommand() : testBrokerCommand());
  track(broker.proc);
  if (broker.token === undefined) throw new Error('the felix broker named no dev token');
  const token = broker.token;
  return {
    name: 'felix',
    pid: broker.proc.pid,
    port: broker.ports[carriers[0]],
    ports: broker.ports,
    fingerprint: broker.fingerprint,
    ca: readFileSync(join(broker.dataDir, 'self-signed-cert.pem'), 'utf8'),
    token,
    version: deno ? firstLine(denoExecutable(), ['--version']) : `node ${process.version}`,
    gcSocket,
    async registerDurableStream(stream, fsync) {
      const url = `http://127.0.0.1:${broker.httpPort}/admin/tenants/t1/namespaces/default/streams/${encodeURIComponent(stream)}`;
      const res = await fetch(url, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}` },
        body: JSON.stringify({ durable: true, fsync }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) throw new Error(`registering durable stream ${stream}: ${res.status} ${(await res.text()).trim()}`);
    },
    async stop() {
      // SIGTERM drains; past the grace period the broker is killed (and writes no profile).
      await withTimeout(broker.stop(), 15_000, 'felix broker stop').catch(() => broker.stop('SIGKILL'));
      if (durableDir) removeScratch(durableDir);
      if (gcSocket) removeScratch(dirname(gcSocket));
    },
  };
}
