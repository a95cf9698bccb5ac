// `npm run generate` answers --help and refuses a bad command line (exit 2) before it writes anything.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = createRequire(import.meta.url).resolve('tsx/cli');

/** Runs the generator as `npm run generate` does (tsx) to its end. */
function generate(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [tsx, '--conditions=felix-source', 'codegen/src/cli.ts', ...args],
      { cwd: root, encoding: 'utf8', timeout: 30_000 },
      (_err, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
    );
  });
}

describe.concurrent('npm run generate', () => {
  it('--help prints the usage on stdout and exits 0', async () => {
    const r = await generate(['--check', '-h']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: npm run generate /);
    expect(r.stderr).toBe('');
  });

  it.each([
    [['--frobnicate'], "generate: unknown option '--frobnicate'"],
    [['--check=yes'], "generate: option '--check' does not take an argument"],
  ])('%j is one line on stderr and exit 2', async (args, line) => {
    const r = await generate(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${line}\n`);
  });
});
