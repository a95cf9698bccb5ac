// Starts the real broker process on 127.0.0.1 with ephemeral ports and waits for its ready line.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrokerCommand, testBrokerCommand } from './broker-command.js';
import { brokerReady, ephemeralBrokerEnv } from './ready-line.js';

export interface BrokerProcess {
  proc: ChildProcess;
  ports: Record<string, number>;
  httpPort: number;
  fingerprint: string;
  devTokenPath: string | undefined;
  /**
   * The broker's dev token (tenant t1, tenant.manage), for clients to authenticate with;
   * undefined when a key source is configured and the broker signs nothing itself.
   */
  token: string | undefined;
  /** The broker's data directory (its dev signing key is at auth/signing-key.jwk there). */
  dataDir: string;
  output: () => string;
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts the broker with `env` over the loopback settings, each run in a data directory of its
 * own (removed when it exits) unless `env` names one: a test that restarts a broker gives the
 * same FELIX_DATA_DIR again, so the new broker keeps the dev key and the token still works.
 * `run` names the host that runs it (denoBrokerCommand for the Deno host); by default Node, or
 * the host FELIX_TEST_BROKER_HOST names (testBrokerCommand).
 */
export async function startBrokerProcess(
  env: Record<string, string> = {},
  timeoutMs = 20_000,
  run: BrokerCommand = testBrokerCommand(),
): Promise<BrokerProcess> {
  const scratch = mkdtempSync(join(tmpdir(), 'felix-broker-'));
  const { command, args } = run;
  const fullEnv = { ...ephemeralBrokerEnv(scratch), ...env };
  const proc = spawn(command, args, { env: { ...process.env, ...fullEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  exited.then(() => rmSync(scratch, { recursive: true, force: true }));
  const ready = await brokerReady(proc, timeoutMs, (chunk) => (out += chunk));
  return {
    proc,
    ...ready,
    token: ready.devTokenPath === undefined ? undefined : readFileSync(ready.devTokenPath, 'utf8').trim(),
    dataDir: fullEnv.FELIX_DATA_DIR,
    output: () => out,
    stop: (signal = 'SIGTERM') => {
      if (proc.exitCode === null) proc.kill(signal);
      return exited;
    },
  };
}
