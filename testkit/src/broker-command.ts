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

/**
 * The Deno executable of the `deno` package pinned in the root package.json. Taken straight
 * from its platform package rather than through the package's `bin` wrapper, which would run
 * it as a child of a Node process: signals sent to the broker must reach Deno itself.
 */
export function denoExecutable(): string {
  const require = createRequire(import.meta.url);
  const denoPackage = require.resolve('deno/package.json');
  const os = process.platform === 'win32' ? 'win32' : process.platform;
  const target = os === 'linux' ? `linux-${process.arch}-glibc` : `${os}-${process.arch}`;
  const platformPackage = createRequire(denoPackage).resolve(`@deno/${target}/package.json`);
  return join(dirname(realpathSync(platformPackage)), os === 'win32' ? 'deno.exe' : 'deno');
}

/** The flags the Deno host runs with: QUIC is behind --unstable-net in Deno 2.9. */
export const DENO_RUN_FLAGS = ['run', '--allow-all', '--unstable-net'];

/** The built broker on the Deno host (`npm run start:deno`). */
export function denoBrokerCommand(): BrokerCommand {
  const { args } = brokerCommand();
  return { command: denoExecutable(), args: [...DENO_RUN_FLAGS, ...args] };
}

/**
 * The host tests start brokers on unless they name one: FELIX_TEST_BROKER_HOST=deno runs every
 * startBrokerProcess broker on the Deno host, so a suite written for Node can be run there.
 */
export function testBrokerCommand(): BrokerCommand {
  const host = process.env.FELIX_TEST_BROKER_HOST;
  if (host === undefined || host === '' || host === 'node') return brokerCommand();
  if (host === 'deno') return denoBrokerCommand();
  throw new Error(`FELIX_TEST_BROKER_HOST must be node or deno, not ${host}`);
}
