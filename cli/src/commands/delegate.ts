// Commands that run another workspace's entry point: the broker's main (what `npm start` runs),
// bundled and cached like the felix command itself and run in this process, and the conformance
// suite's CLI (what `npm run conformance` runs), through tsx in a child process as that script
// does: its modules find the spec and the vectors relative to their own source files, which a
// bundle would move.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { runCached } from '../../bin/run-cached.mjs';

const require = createRequire(import.meta.url);

/** Runs the broker until SIGINT/SIGTERM drains it; configured by FELIX_* and FELIX_CONFIG. */
export async function runBroker(): Promise<void> {
  const brokerDir = dirname(require.resolve('@felix/broker/package.json'));
  await runCached(join(brokerDir, 'src', 'main.ts'), []);
}

export interface ConformanceFlags {
  external?: string;
  decoders?: string;
  onlyFailures?: boolean;
}

/** Runs the conformance suite; resolves with its exit code (0 when every cell passed, 1 otherwise). */
export async function runConformance(flags: ConformanceFlags): Promise<number> {
  // The package exports its runner; the CLI sits next to it.
  const conformanceCli = join(dirname(require.resolve('@felix/conformance')), 'cli.ts');
  const args = [
    ...(flags.external ? ['--external', flags.external] : []),
    ...(flags.decoders ? ['--decoders', flags.decoders] : []),
    ...(flags.onlyFailures ? ['--only-failures'] : []),
  ];
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), conformanceCli, ...args], { stdio: 'inherit' });
  // Ctrl-C reaches the child through the terminal; this process waits for it to finish.
  process.on('SIGINT', () => {});
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
