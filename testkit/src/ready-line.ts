// How a test starts a broker on loopback and learns where it listens: the settings for ephemeral
// ports, and the line the broker prints once every listener is bound.
import type { ChildProcess } from 'node:child_process';

export interface ReadyBroker {
  /** Bound port per carrier. */
  ports: Record<string, number>;
  httpPort: number;
  fingerprint: string;
  /** The dev token's file, which the broker names before its ready line when it signs its own tokens. */
  devTokenPath: string | undefined;
}

/** FELIX_* settings for a broker on 127.0.0.1 with ephemeral ports, writing only to `dataDir`. */
export function ephemeralBrokerEnv(dataDir: string): Record<string, string> {
  return {
    FELIX_HOST: '127.0.0.1',
    FELIX_TLS_PORT: '0',
    FELIX_WEBTRANSPORT_PORT: '0',
    FELIX_QUIC_PORT: '0',
    FELIX_HTTP_BIND: '127.0.0.1:0',
    FELIX_DATA_DIR: dataDir,
    FELIX_LOG_LEVEL: 'warn',
  };
}

/** `felix dev token (tenant t1, expires …): PATH`, printed on the embedded default key. */
const DEV_TOKEN_LINE = /^felix dev token \(.*?\): (.+)$/m;

function parseReadyLine(line: string, before: string): ReadyBroker {
  const ports: Record<string, number> = {};
  for (const m of line.matchAll(/(\w+)=[\d.]+:(\d+)/g)) ports[m[1]] = Number(m[2]);
  return {
    ports,
    httpPort: Number(/http=(\d+)/.exec(line)![1]),
    fingerprint: /cert-sha256=(\S+)/.exec(line)![1],
    devTokenPath: DEV_TOKEN_LINE.exec(before)?.[1],
  };
}

/**
 * Resolves once `proc` (a broker, or something that runs one) prints its ready line; rejects
 * with everything it printed if it exits first or stays silent for `timeoutMs`. `output` gets
 * every chunk the process prints, before and after.
 */
export function brokerReady(
  proc: ChildProcess,
  timeoutMs = 20_000,
  output: (chunk: string) => void = () => {},
): Promise<ReadyBroker> {
  let out = '';
  return new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => settle(new Error(`broker not ready within ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const settle = (result: ReadyBroker | Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output(text);
      if (settled) return;
      out += text;
      const lines = out.split('\n');
      const at = lines.findIndex((l) => l.startsWith('felix broker ready:'));
      if (at >= 0) settle(parseReadyLine(lines[at], lines.slice(0, at).join('\n')));
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.once('exit', (code) => settle(new Error(`exited with ${code} before the broker was ready:\n${out}`)));
  });
}

/** Sends SIGTERM unless `proc` has ended, and resolves with its exit code once it has. */
export async function stopProcess(proc: ChildProcess | undefined): Promise<number | null | undefined> {
  if (!proc) return undefined;
  if (proc.exitCode !== null || proc.signalCode !== null) return proc.exitCode;
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  proc.kill('SIGTERM');
  return exited;
}
