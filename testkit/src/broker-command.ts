// The command that runs the broker as a process: the one place to change when the broker
// starts some other way (from a build, say).
import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface BrokerCommand {
  command: string;
  args: string[];
}

/** The built broker (`npm run build` writes dist/), as `npm start` runs it. */
export function brokerCommand(): BrokerCommand {
  // Located through package resolution rather than import.meta.url, so the broker is found from
  // this module's source and from its build alike, and from an installed package.
  const brokerDir = dirname(realpathSync(createRequire(import.meta.url).resolve('@felix/broker/package.json')));
  return { command: process.execPath, args: [join(brokerDir, 'dist', 'main.js')] };
}
