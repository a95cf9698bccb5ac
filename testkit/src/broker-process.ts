// Starts the real broker process on 127.0.0.1 with ephemeral ports and waits for its ready line.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brokerCommand } from './broker-command.js';
import { brokerReady, ephemeralBrokerEnv } from './ready-line.js';

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
  const { command, args } = brokerCommand();
  const proc = spawn(command, args, {
    env: { ...process.env, ...ephemeralBrokerEnv(dataDir), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  exited.then(() => rmSync(dataDir, { recursive: true, force: true }));
  const ready = await brokerReady(proc, timeoutMs, (chunk) => (out += chunk));
  return {
    proc,
    ...ready,
    output: () => out,
    stop: (signal = 'SIGTERM') => {
      if (proc.exitCode === null) proc.kill(signal);
      return exited;
    },
  };
}
