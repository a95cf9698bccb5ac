// The benchmark entry points as users run them (built, as `npm run bench…` runs them) answer
// --help with their usage and exit 0, and refuse a bad command line with one line and exit 2,
// before they start anything.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs the build of a source entry point (the test run's global setup builds it) to its end. */
function run(entry: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const built = entry.replace(/^bench\/src\/(.*)\.ts$/, 'bench/dist/$1.js');
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [built, ...args],
      { cwd: root, encoding: 'utf8', timeout: 30_000 },
      (_err, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
    );
  });
}

describe.concurrent.each([
  ['bench/src/compare/main.ts', 'npm run bench', 'bench'],
  ['bench/src/broker.ts', 'npm run bench:broker', 'bench:broker'],
  ['bench/src/codec.ts', 'npm run bench:codec', 'bench:codec'],
  ['bench/src/recovery.ts', 'npm run bench:recovery', 'bench:recovery'],
])('%s', (entry, command, name) => {
  it('--help prints the usage on stdout and exits 0, even beside a bad option', async () => {
    const r = await run(entry, ['--frobnicate', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Usage: ${command} `));
    expect(r.stderr).toBe('');
  });

  it('an unknown option is one line on stderr and exit 2', async () => {
    const r = await run(entry, ['--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${name}: unknown option '--frobnicate'\n`);
  });
});

describe.concurrent.each([
  ['bench/src/carrier-probe-quic.ts', 'carrier-probe-quic'],
  ['bench/src/carrier-probe-webtransport.ts', 'carrier-probe-webtransport'],
])('%s', (entry, name) => {
  it('answers --help and refuses a stray argument', async () => {
    const help = await run(entry, ['-h']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(new RegExp(`^Usage: npx tsx ${entry} `));
    const stray = await run(entry, ['fast']);
    expect(stray.code).toBe(2);
    expect(stray.stderr).toBe(`${name}: unexpected argument 'fast'\n`);
  });
});

describe.concurrent('checks beyond parsing are usage errors too', () => {
  it.each([
    ['bench/src/compare/main.ts', ['--only', 'everything'], /^bench: unknown workload everything /],
    ['bench/src/compare/main.ts', ['--seconds', '0'], /^bench: --seconds must be > 0/],
    ['bench/src/broker.ts', ['--carriers', 'carrier-pigeon'], /^bench:broker: unknown carrier carrier-pigeon /],
    ['bench/src/broker.ts', ['tls'], /^bench:broker: unexpected argument 'tls'/],
  ])('%s %j', async (entry, args, message) => {
    const r = await run(entry, args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
