// Runs another implementation's decoder: the command gets a frame's hex as its last argument
// and prints {"value": …} or {"error": "code"}.
import { spawnSync } from 'node:child_process';
import type { Outcome } from '../notation.js';

export function externalDecoder(command: string): (frameHex: string) => Outcome {
  const [program, ...args] = command.split(/\s+/).filter(Boolean);
  return (frameHex) => {
    const run = spawnSync(program, [...args, frameHex], { encoding: 'utf8', timeout: 10_000, maxBuffer: 64 << 20 });
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
