// Starts the real broker process on 127.0.0.1 with ephemeral ports and waits for its ready line.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

// Located through package resolution rather than import.meta.url, so the built broker is found
// from this module's source and from its build alike (`npm run build` writes dist/).
const BROKER_DIR = dirname(realpathSync(createRequire(import.meta.url).resolve('@felix/broker/package.json')));
const MAIN = join(BROKER_DIR, 'dist', 'main.js');

export interface BrokerProcess {
  proc: ChildProcess;
  ports: Record<string, number>;
  httpPort: number;
  fingerprint: string;
  output: () => string;
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startBrokerProcess(env: Record<string, string> = {}, timeoutMs = 20_000): Promise<BrokerProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'felix-broker-'));
  // The built broker, as `npm start` runs it.
  const proc = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      FELIX_HOST: '127.0.0.1',
      FELIX_TLS_PORT: '0',
      FELIX_WEBTRANSPORT_PORT: '0',
      FELIX_QUIC_PORT: '0',
      FELIX_HTTP_BIND: '127.0.0.1:0',
      FELIX_DATA_DIR: dataDir,
      FELIX_LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  exited.then(() => rmSync(dataDir, { recursive: true, force: true }));
  const ready = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`broker not ready within ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const check = () => {
      const line = out.split('\n').find((l) => l.startsWith('felix broker ready:'));
      if (line) {
        clearTimeout(timer);
        resolve(line);
      }
    };
    proc.stdout!.on('data', check);
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`broker exited with ${code}:\n${out}`));
    });
  });
  const ports: Record<string, number> = {};
  for (const m of ready.matchAll(/(\w+)=127\.0\.0\.1:(\d+)/g)) ports[m[1]] = Number(m[2]);
  return {
    proc,
    ports,
    httpPort: Number(/http=(\d+)/.exec(ready)![1]),
    fingerprint: /cert-sha256=(\S+)/.exec(ready)![1],
    output: () => out,
    stop: (signal = 'SIGTERM') => {
      if (proc.exitCode === null) proc.kill(signal);
      return exited;
    },
  };
}
