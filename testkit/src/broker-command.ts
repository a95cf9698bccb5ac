// The command that runs the broker as a process: the one place to change when the broker
// starts some other way (from a build, say).
import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface BrokerCommand {
  command: string;
  args: string[];
}

/** The broker's main bundled and run as plain JavaScript (scripts/run.mjs), as `npm start` runs it. */
export function brokerCommand(): BrokerCommand {
  // Located through package resolution rather than import.meta.url, which points at the bundle
  // when this module is bundled into a benchmark or the CLI.
  const brokerDir = dirname(realpathSync(createRequire(import.meta.url).resolve('@felix/broker/package.json')));
  return {
    command: process.execPath,
    args: [join(brokerDir, '..', 'scripts', 'run.mjs'), join(brokerDir, 'src', 'main.ts')],
  };
}
