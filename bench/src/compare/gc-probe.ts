// The bench's side of gc-probe-hook.cjs: where the hook is, how a server is told to load it,
// and one read of its counters over the Unix socket.

import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createConnection } from 'node:net';
import { dirname, join } from 'node:path';
import { withTimeout } from './time.js';

// Found through the package, not import.meta.url, which names the bundle when this is bundled.
const benchDir = dirname(realpathSync(createRequire(import.meta.url).resolve('@felix/bench/package.json')));
export const GC_PROBE_HOOK = join(benchDir, 'src/compare/gc-probe-hook.cjs');
export const CPU_PROFILE_HOOK = join(benchDir, 'src/compare/cpu-profile-hook.cjs');

/** The environment variable naming the socket the hook listens on. */
export const GC_SOCKET_ENV = 'FELIX_BENCH_GC_SOCKET';

export interface GcReading {
  /** The epoch that began with this read; name it in the next read to hear of the pauses since. */
  epoch: number;
  /** Bytes allocated in the V8 heap since the hook was loaded. */
  allocatedBytes: number;
  /** The longest GC pause, µs, in the epochs since the one the read named. */
  maxPauseUs: number;
}

/** Reads the counters; `since`, an epoch from an earlier read, scopes `maxPauseUs`. */
export function readGc(socketPath: string, since?: number): Promise<GcReading> {
  const reading = new Promise<GcReading>((resolve, reject) => {
    const socket = createConnection(socketPath);
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.once('error', reject);
    socket.once('end', () => {
      try {
        const r = JSON.parse(answer) as GcReading;
        if (typeof r.epoch !== 'number' || typeof r.allocatedBytes !== 'number') throw new Error('malformed');
        resolve(r);
      } catch {
        reject(new Error(`the gc probe answered ${JSON.stringify(answer.slice(0, 200))}`));
      }
    });
    socket.write(`${since ?? ''}\n`);
  });
  return withTimeout(reading, 10_000, `gc probe at ${socketPath}`);
}
