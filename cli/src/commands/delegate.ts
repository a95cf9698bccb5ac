// Commands that run another workspace's entry point: the broker's main (what `npm start` runs),
// in this process, and the conformance suite's CLI (what `npm run conformance` runs), built, in a
// child process: it reads its own command line and ends the process with its verdict.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Runs the broker until SIGINT/SIGTERM drains it; configured by FELIX_* and FELIX_CONFIG. */
export async function runBroker(): Promise<void> {
  // The broker's main starts it when imported.
  await import('@felix/broker/main');
}

export interface ConformanceFlags {
  external?: string;
  decoders?: string;
  onlyFailures?: boolean;
}

/** Runs the conformance suite; resolves with its exit code (0 when every cell passed, 1 otherwise). */
export async function runConformance(flags: ConformanceFlags): Promise<number> {
  const conformanceCli = require.resolve('@felix/conformance/cli');
  const args = [
    ...(flags.external ? ['--external', flags.external] : []),
    ...(flags.decoders ? ['--decoders', flags.decoders] : []),
    ...(flags.onlyFailures ? ['--only-failures'] : []),
  ];
  const child = spawn(process.execPath, [conformanceCli, ...args], { stdio: 'inherit' });
  // Ctrl-C reaches the child through the terminal; this process waits for it to finish.
  process.on('SIGINT', () => {});
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
