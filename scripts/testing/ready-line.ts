// Waits for the line a starting broker prints once it listens, and reads what it says.
import type { ChildProcess } from 'node:child_process';

export interface ReadyBroker {
  /** Bound port per carrier. */
  ports: Record<string, number>;
  httpPort: number;
  fingerprint: string;
}

/**
 * Resolves once `proc` (a broker, or something that runs one) prints its ready line; rejects
 * with everything it printed if it exits first or stays silent for `timeoutMs`.
 */
export function brokerReady(proc: ChildProcess, timeoutMs = 20_000): Promise<ReadyBroker> {
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`broker not ready within ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      out += chunk;
      const line = out.split('\n').find((l) => l.startsWith('felix broker ready:'));
      if (!line) return;
      clearTimeout(timer);
      const ports: Record<string, number> = {};
      for (const m of line.matchAll(/(\w+)=[\d.]+:(\d+)/g)) ports[m[1]] = Number(m[2]);
      resolve({
        ports,
        httpPort: Number(/http=(\d+)/.exec(line)![1]),
        fingerprint: /cert-sha256=(\S+)/.exec(line)![1],
      });
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before the broker was ready:\n${out}`));
    });
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
