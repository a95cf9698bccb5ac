// Starts the systems under comparison as separate processes on loopback with ephemeral ports,
// so each one's CPU time can be read from /proc, and stops them all afterwards. nats-server and
// redis-server come from Debian; they are installed with apt-get when missing.
import { type ChildProcess, execFileSync, fork, spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type CarrierName, startBrokerProcess } from '@felix/testkit';
import { createSelfSigned } from '@felix/transport';
import { withTimeout } from './time.js';

export interface Server {
  name: string;
  pid: number | undefined;
  port: number;
  version: string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
const scratchDirs = new Set<string>();
/** Kills whatever is still running and removes its scratch directories; for exits that cannot wait. */
export function killAllNow(): void {
  for (const p of running) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
}

function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratchDirs.add(dir);
  return dir;
}

function removeScratch(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  scratchDirs.delete(dir);
}

function track(proc: ChildProcess): ChildProcess {
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

function onPath(binary: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/usr/bin', '/sbin'];
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

export async function startNats(options: { tls?: boolean } = {}): Promise<PeerServer> {
  const binary = ensureInstalled('nats-server', 'nats-server');
  const port = await freePort();
  const storeDir = scratchDir('felix-bench-nats-');
  const tls = options.tls ? await writeCertificate(storeDir) : undefined;
  // -js with a store directory is all JetStream needs; the KV bucket itself is memory-backed.
  const proc = await spawnUntilReady(
    'nats-server',
    binary,
    [
      ...['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir],
      ...(tls ? ['--tls', '--tlscert', tls.certFile, '--tlskey', tls.keyFile] : []),
    ],
    'Server is ready',
  );
  return peerServer('nats', { proc, binary, port, dir: storeDir, tls });
}

export async function startRedis(options: { tls?: boolean } = {}): Promise<PeerServer> {
  const binary = ensureInstalled('redis-server', 'redis-server');
  const port = await freePort();
  const dir = scratchDir('felix-bench-redis-');
  const tls = options.tls ? await writeCertificate(dir) : undefined;
  const listen = tls
    ? [
        ...['--port', '0', '--tls-port', String(port), '--tls-cert-file', tls.certFile],
        ...['--tls-key-file', tls.keyFile, '--tls-ca-cert-file', tls.certFile, '--tls-auth-clients', 'no'],
      ]
    : ['--port', String(port)];
  // In memory only, like the Felix cache: no snapshots, no append-only file.
  const proc = await spawnUntilReady(
    'redis-server',
    binary,
    ['--bind', '127.0.0.1', ...listen, '--save', '', '--appendonly', 'no', '--dir', dir],
    'Ready to accept connections',
  );
  return peerServer('redis', { proc, binary, port, dir, tls });
}

/** The relay in tcp-floor-server.ts, run by `bundle` (this program) in the role it names. */
export async function startTcpFloor(bundle: string): Promise<Server> {
  const proc = track(fork(bundle, ['--role', 'tcp-floor-server'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] }));
  const port = await withTimeout(
    new Promise<number>((resolve, reject) => {
      proc.once('message', (m) => resolve(Number(m)));
      proc.once('exit', (code) => reject(new Error(`tcp floor server exited with ${code}`)));
    }),
    15_000,
    'tcp floor server start',
  );
  return { name: 'tcp-floor', pid: proc.pid, port, version: `node ${process.version}`, stop: () => stopProcess(proc) };
}

export interface FelixServer extends Server {
  ports: Record<string, number>;
  fingerprint: string;
  /** The broker's dev token, which its clients authenticate with. */
  token: string;
}

// Found through the package, not import.meta.url, which names the bundle when this is bundled.
const PROFILE_HOOK = join(
  dirname(realpathSync(createRequire(import.meta.url).resolve('@felix/bench/package.json'))),
  'src/compare/cpu-profile-hook.cjs',
);

export interface FelixOptions {
  /** Write a CPU profile of the broker here when it exits. */
  cpuProfileDir?: string;
  /** Node options for the broker process (NODE_OPTIONS), for experiments such as GC sizing. */
  nodeOptions?: string;
}

/** The real broker process. */
export async function startFelix(carriers: CarrierName[], options: FelixOptions = {}): Promise<FelixServer> {
  const env: Record<string, string> = {
    FELIX_CARRIERS: carriers.join(','),
    FELIX_LOG_LEVEL: 'error',
    FELIX_AUTO_CREATE: 'true', // one stream per workload, so no workload sees another's records
  };
  const nodeOptions = options.nodeOptions ? [options.nodeOptions] : [];
  if (options.cpuProfileDir) {
    nodeOptions.push(`--require=${PROFILE_HOOK}`);
    env.FELIX_BENCH_CPU_PROFILE_DIR = options.cpuProfileDir;
  }
  if (nodeOptions.length > 0) env.NODE_OPTIONS = nodeOptions.join(' ');
  const broker = await startBrokerProcess(env);
  track(broker.proc);
  if (broker.token === undefined) throw new Error('the felix broker named no dev token');
  return {
    name: 'felix',
    pid: broker.proc.pid,
    port: broker.ports[carriers[0]],
    ports: broker.ports,
    fingerprint: broker.fingerprint,
    token: broker.token,
    version: `node ${process.version}`,
    async stop() {
      // SIGTERM drains; past the grace period the broker is killed (and writes no profile).
      await withTimeout(broker.stop(), 15_000, 'felix broker stop').catch(() => broker.stop('SIGKILL'));
    },
  };
}
