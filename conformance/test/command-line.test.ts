// `npm run conformance` answers --help and refuses a bad command line (exit 2).
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = createRequire(import.meta.url).resolve('tsx/cli');

/** Runs the suite's command as `npm run conformance` does (tsx) to its end. */
function conformance(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [tsx, '--conditions=felix-source', 'conformance/src/cli.ts', ...args],
      { cwd: root, encoding: 'utf8', timeout: 30_000 },
      (_err, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
    );
  });
}

describe.concurrent('npm run conformance', () => {
  it('--help prints the usage on stdout and exits 0', async () => {
    const r = await conformance(['--only-failures', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: npm run conformance /);
    expect(r.stderr).toBe('');
  });

  it.each([
    [['--frobnicate'], "conformance: unknown option '--frobnicate'"],
    [['--decoders', 'ts,tarot'], 'conformance: unknown decoder tarot (ts, kaitai-js, kaitai-py)'],
  ])('%j is one line on stderr and exit 2', async (args, line) => {
    const r = await conformance(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${line}\n`);
  });
});
