// Collects failures across targets, one per distinct signature, shrinks each frame while it
// still fails the same way, and writes it as a regression vector (the conformance vector
// format) so `npm run conformance` keeps checking it after the bug is fixed.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HEADER_SIZE as HEADER, HEADER_OFFSETS } from '@felix/generated';
import type { Outcome } from './oracle.js';

export interface Failure {
  target: string;
  signature: string;
  detail: string;
  frame?: Uint8Array;
  reference?: Outcome;
}

function withLength(f: Uint8Array): Uint8Array {
  if (f.length >= HEADER)
    new DataView(f.buffer, f.byteOffset, f.byteLength).setUint32(HEADER_OFFSETS.length, f.length - HEADER);
  return f;
}

/**
 * Greedy shrinking: drop ranges of payload bytes (keeping the header's length honest when it
 * was honest) while `stillFails` holds. Bounded, so a failure costs at most a few hundred runs.
 */
export function shrink(frame: Uint8Array, stillFails: (f: Uint8Array) => boolean, budget = 400): Uint8Array {
  const honest =
    frame.length >= HEADER &&
    new DataView(frame.buffer, frame.byteOffset).getUint32(HEADER_OFFSETS.length) === frame.length - HEADER;
  let best = frame;
  let tries = 0;
  for (let chunk = Math.max(1, best.length >> 1); chunk >= 1 && tries < budget; chunk >>= 1) {
    for (let at = HEADER; at + chunk <= best.length && tries < budget; ) {
      const candidate = new Uint8Array(best.length - chunk);
      candidate.set(best.subarray(0, at));
      candidate.set(best.subarray(at + chunk), at);
      if (honest) withLength(candidate);
      tries++;
      if (stillFails(candidate)) best = candidate;
      else at += chunk;
    }
  }
  return best;
}

export class FailureLog {
  readonly failures: Failure[] = [];
  private readonly seen = new Map<string, number>();
  readonly written: string[] = [];

  constructor(private readonly dir: string | undefined) {}

  /** Records a failure; returns false when one with the same signature was already kept. */
  add(f: Failure): boolean {
    const key = `${f.target}|${f.signature}`;
    const count = this.seen.get(key) ?? 0;
    this.seen.set(key, count + 1);
    if (count > 0) return false;
    this.failures.push(f);
    console.log(`  FAIL [${f.target}] ${f.signature}`);
    if (f.frame) console.log(`    frame ${Buffer.from(f.frame).toString('hex').slice(0, 240)}`);
    for (const line of f.detail.split('\n').slice(0, 6)) console.log(`    ${line}`);
    if (f.frame && this.dir) this.write(f);
    return true;
  }

  count(target: string): number {
    let n = 0;
    for (const [key, c] of this.seen) if (key.startsWith(`${target}|`)) n += c;
    return n;
  }

  private write(f: Failure): void {
    const hex = Buffer.from(f.frame!).toString('hex');
    const isJson = f.frame!.length >= 8 && f.frame![6] === 0 && f.frame![7] === 0;
    const name = `fuzz_${f.target}_${createHash('sha256').update(hex).digest('hex').slice(0, 12)}`;
    const ref = f.reference;
    // The reference interpreter decides what the frame should give; if it crashed itself the
    // vector records that, and fails until the interpreter is fixed and the vector regenerated.
    const expect = !ref
      ? { error: 'unknown' }
      : 'value' in ref
        ? { value: ref.value }
        : 'error' in ref
          ? { error: ref.error }
          : { error: 'interpreter_crash' };
    mkdirSync(this.dir!, { recursive: true });
    const path = join(this.dir!, `${name}.json`);
    const body = {
      name,
      description: `Found by npm run fuzz (${f.target}): ${f.signature}`,
      // JSON text has many spellings of one value; the encoder writes only one of them.
      tags: ['source:fuzz', `fuzz:${f.target}`, ...(isJson ? ['noncanonical'] : [])],
      frame_hex: hex,
      expect,
    };
    writeFileSync(path, `${JSON.stringify(body, null, 2)}\n`);
    this.written.push(path);
  }
}
