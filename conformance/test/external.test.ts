// The external mode, driven end to end with a decoder that shares nothing with ours: the Python
// parser kaitai-struct-compiler generates, behind conformance/python/kaitai_decoder.py, which
// speaks the line protocol of conformance/README.md.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { loadSpec } from '@felix/spec';
import { describe, expect, it } from 'vitest';
import { CommandWordsError, commandWords } from '../src/command-words.js';
import { KAITAI_PYTHON } from '../src/decoders/kaitai-python.js';
import { loadOurVectors, loadUpstreamVectors, REGRESSIONS_DIR } from '../src/vectors.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = createRequire(import.meta.url).resolve('tsx/cli');
const vectors = [...loadUpstreamVectors(loadSpec()), ...loadOurVectors(), ...loadOurVectors(REGRESSIONS_DIR)];
const positives = vectors.filter((v) => 'value' in v.expect && !v.tags.includes('noncanonical')).length;

function conformance(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [tsx, '--conditions=felix-source', 'conformance/src/cli.ts', ...args],
      { cwd: root, encoding: 'utf8', timeout: 240_000, maxBuffer: 64 << 20 },
      (_err, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
    );
  });
}

describe('commandWords', () => {
  it('splits as a shell does: quotes, backslashes, empty words', () => {
    expect(commandWords(`python3  "my decoder.py" --name 'it''s' a\\ b "x\\"y\\z" ''`)).toEqual([
      'python3',
      'my decoder.py',
      '--name',
      'its',
      'a b',
      'x"y\\z',
      '',
    ]);
  });

  it('takes a JSON array as the words themselves', () => {
    expect(commandWords(' ["/opt/my decoder", "--x=\\"1\\""] ')).toEqual(['/opt/my decoder', '--x="1"']);
  });

  it.each([['"open'], ["'open"], ['trailing\\'], ['[1, 2]'], ['[]'], ['   '], ['[not json']])(
    'refuses %j',
    (command) => {
      expect(() => commandWords(command)).toThrow(CommandWordsError);
    },
  );
});

describe('npm run conformance -- --external', () => {
  it('--lines runs one decoder process for every vector and counts only its answers', async () => {
    const r = await conformance([
      '--external',
      JSON.stringify([KAITAI_PYTHON, 'conformance/python/kaitai_decoder.py']),
      '--lines',
      '--only-failures',
      '--decoders',
      'ts',
    ]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`frames external: ${vectors.length} passed, 0 failed`);
    expect(r.stdout).toContain(`frames ts: ${vectors.length} passed, 0 failed`);
    expect(r.stdout).toContain(`frames encode (our generated encoder, not the external decoder): ${positives} passed`);
    expect(r.stdout).toMatch(new RegExp(`^${2 * vectors.length} passed, 0 failed$`, 'm'));
    expect(r.code).toBe(0);
  }, 240_000);

  it('fails one vector for a decoder that dies on it, starts it again, and exits 1', async () => {
    // Answers bad_magic to everything, and exits when it is sent the upstream vector "ok".
    const script = `
      const rl = require('node:readline').createInterface({ input: process.stdin });
      rl.on('line', (line) => {
        const { name } = JSON.parse(line);
        if (name === 'upstream/ok') process.exit(3);
        process.stdout.write(JSON.stringify({ name, error: 'bad_magic' }) + '\\n');
      });`;
    const r = await conformance(['--external', `${process.execPath} -e "${script}"`, '--lines', '--only-failures']);
    const badMagic = vectors.filter((v) => 'error' in v.expect && v.expect.error === 'bad_magic').length;
    expect(badMagic).toBeGreaterThan(0);
    expect(r.stdout).toMatch(/upstream\/ok +FAIL[^\n]*\n +external: expected .*internal:no answer: exited \(3\)/);
    expect(r.stdout).toContain(`frames external: ${badMagic} passed, ${vectors.length - badMagic} failed`);
    // Our encoder passing is reported on its own line and left out of the totals.
    expect(r.stdout).toContain(`frames encode (our generated encoder, not the external decoder): ${positives} passed`);
    expect(r.stdout).toMatch(new RegExp(`^${badMagic} passed, ${vectors.length - badMagic} failed$`, 'm'));
    expect(r.code).toBe(1);
  }, 240_000);

  it.each([
    [['--lines'], 'conformance: --lines needs --external'],
    [['--external', '"unclosed'], 'conformance: --external: unterminated double quote'],
  ])('%j is a usage error', async (args, line) => {
    const r = await conformance(args);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `${line}\n`]);
  });
});
