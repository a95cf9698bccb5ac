// Runs another implementation's decoder: the command gets a frame's hex as its last argument
// (or `-` and the hex on stdin, for a frame too long for an argument) and prints
// {"value": …} or {"error": "code"}.
import { spawnSync } from 'node:child_process';
import type { Outcome } from '../notation.js';

/**
 * Longest hex passed as an argument. Linux refuses a single argument over 128 KiB (E2BIG);
 * the frames at the frame limit are 32 MiB of hex.
 */
export const ARGUMENT_HEX_MAX = 64 * 1024;

export function externalDecoder(command: string): (frameHex: string) => Outcome {
  const [program, ...args] = command.split(/\s+/).filter(Boolean);
  return (frameHex) => {
    const onStdin = frameHex.length > ARGUMENT_HEX_MAX;
    const run = spawnSync(program, [...args, onStdin ? '-' : frameHex], {
      encoding: 'utf8',
      input: onStdin ? frameHex : '',
      timeout: onStdin ? 60_000 : 10_000,
      // The answer to a frame at the limit holds its value as hex: 24 MiB and a little more.
      maxBuffer: 64 << 20,
    });
    if (run.error) return { error: `internal:${run.error.message}` };
    try {
      const answer = JSON.parse(run.stdout);
      if (answer && typeof answer === 'object' && ('value' in answer || 'error' in answer)) return answer as Outcome;
    } catch {
      // fall through to the report below
    }
    return {
      error: `internal:unreadable answer (exit ${run.status}): ${run.stdout.slice(0, 120)}${run.stderr.slice(0, 120)}`,
    };
  };
}
