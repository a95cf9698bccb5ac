// `npm run fuzz` answers --help and refuses a bad command line (exit 2) before it fuzzes anything.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs the fuzzer as `npm run fuzz` does (built; the test run's global setup builds it) to its end. */
function fuzz(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['fuzz/dist/cli.js', ...args],
      { cwd: root, encoding: 'utf8', timeout: 30_000 },
      (_err, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
    );
  });
}

describe.concurrent('npm run fuzz', () => {
  it('--help prints the usage on stdout and exits 0', async () => {
    const r = await fuzz(['--seconds', '1', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: npm run fuzz /);
    expect(r.stderr).toBe('');
  });

  it.each([
    [['--frobnicate'], "fuzz: unknown option '--frobnicate'"],
    [['--targets', 'roundtrip,everything'], 'fuzz: unknown target everything (roundtrip, mutate, broker, auth)'],
  ])('%j is one line on stderr and exit 2', async (args, line) => {
    const r = await fuzz(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${line}\n`);
  });
});
