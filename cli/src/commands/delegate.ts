// Commands that run another workspace's entry point in this process: the broker's main (what
// `npm start` runs) and the conformance suite's CLI (what `npm run conformance` runs). They are
// bundled and cached like the felix command itself, so repeated starts skip the build.
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
  onlyFailures: boolean;
}

/** Runs the conformance suite; it exits 0 when every cell passed, 1 otherwise. */
export async function runConformance(flags: ConformanceFlags): Promise<void> {
  // The package exports its runner; the CLI sits next to it.
  const conformanceSrc = dirname(require.resolve('@felix/conformance'));
  const args = [
    ...(flags.external ? ['--external', flags.external] : []),
    ...(flags.decoders ? ['--decoders', flags.decoders] : []),
    ...(flags.onlyFailures ? ['--only-failures'] : []),
  ];
  await runCached(join(conformanceSrc, 'cli.ts'), args);
}
