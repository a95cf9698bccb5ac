// A pub/sub workload driven from a Deno process: QUIC towards the Deno host measured with
// quinn's client, since the Node client's QUIC (quiche) saturates its own core long before the
// broker does and would measure itself. The same program runs under Deno in the `workload`
// role and hands its measurements back on stdout.
import { spawn } from 'node:child_process';
import { DENO_RUN_FLAGS, denoExecutable } from '@felix/testkit';
import type { Measurement } from './rounds.js';
import { track } from './servers.js';
import type { Target } from './targets/index.js';
import type { Timing } from './workloads.js';

/** Marks the line that carries the measurements among whatever else the child prints. */
const MARK = 'felix-bench-measurements ';

/** Prints measurements for the parent (typed arrays as plain arrays, which JSON keeps). */
export function writeMeasurements(measured: Measurement[]): void {
  const plain = measured.map((m) => ({ ...m, samplesUs: m.samplesUs && Array.from(m.samplesUs) }));
  process.stdout.write(`${MARK}${JSON.stringify(plain)}\n`);
}

/** Runs workload `id` against `target` in `bundle` under Deno and returns what it measured. */
export async function workloadInDeno(
  bundle: string,
  id: string,
  target: Target,
  timing: Timing,
): Promise<Measurement[]> {
  const args = [
    ...DENO_RUN_FLAGS,
    bundle,
    ...['--role', 'workload', '--workload', id],
    ...['--spec', JSON.stringify(target), '--timing', JSON.stringify(timing)],
  ];
  const child = track(spawn(denoExecutable(), args, { stdio: ['ignore', 'pipe', 'inherit'] }));
  let out = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  const line = out.split('\n').find((l) => l.startsWith(MARK));
  if (code !== 0 || line === undefined)
    throw new Error(`the Deno workload process exited with ${code}${line ? '' : ' and no measurements'}`);
  return JSON.parse(line.slice(MARK.length)) as Measurement[];
}
