// The Python decoder (conformance/python/kaitai_decoder.py, on the parser kaitai-struct-compiler
// generates from felix_wire.ksy): one child process per batch, frames in and answers out as JSON
// lines. Debian's interpreter by default, because python3-kaitaistruct 0.10 (the runtime the
// generated parser needs) and python3-jsonschema are installed there.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { KaitaiOutcome } from './kaitai-js.js';

export const KAITAI_PYTHON = process.env.FELIX_KAITAI_PYTHON ?? '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('../../python/kaitai_decoder.py', import.meta.url));

export async function decodeWithKaitaiPython(
  frames: { name: string; frameHex: string }[],
): Promise<Map<string, KaitaiOutcome>> {
  const child = spawn(KAITAI_PYTHON, [SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
  // A child that dies early closes stdin; the exit code below reports it, not an EPIPE.
  child.stdin.on('error', () => {});
  for (const f of frames) child.stdin.write(`${JSON.stringify({ name: f.name, frame_hex: f.frameHex })}\n`);
  child.stdin.end();
  const code = await exited;

  const answers = new Map<string, KaitaiOutcome>();
  for (const line of Buffer.concat(stdout).toString('utf8').split('\n')) {
    if (!line) continue;
    const a = JSON.parse(line) as { name: string; value?: Record<string, unknown>; error?: string };
    answers.set(a.name, a.error !== undefined ? { error: a.error } : { value: a.value! });
  }
  const missing = frames.filter((f) => !answers.has(f.name));
  if (code !== 0 || missing.length > 0) {
    const why = `${KAITAI_PYTHON} exited with ${code}: ${Buffer.concat(stderr).toString('utf8').trim().slice(-500)}`;
    for (const f of missing) answers.set(f.name, { error: `internal:no answer (${why})` });
  }
  return answers;
}
