// Valid values from the generated arbitraries: encode → decode → encode must give the same
// bytes, and the generated codec, the reference interpreter (both directions) and the Kaitai
// JS decoder must agree on every value, compared in the conformance notation.
import { isDeepStrictEqual } from 'node:util';
import { project } from '@felix/conformance/notation';
import { decodeFrame, encodeFrame, isWireError, type WireMessage } from '@felix/generated';
import { interpretEncode } from '@felix/spec/interpreter';
import fc from 'fast-check';
import { anyMessage } from '../generated/arbitraries.js';
import { decodeWithInterpreter, decodeWithKaitai, type Outcome, type Value } from '../oracle.js';
import { now, type TargetContext, type TargetResult } from './common.js';

const BATCH = 500;

const describe = (err: unknown) => (isWireError(err) ? `WireError ${err.code}: ${err.message}` : String(err));
const bigintSafe = (_: string, v: unknown) =>
  typeof v === 'bigint' ? `${v}n` : v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v;

/** Checks one value; returns a failure signature and detail, or undefined. */
export function roundtrip(
  ctx: Pick<TargetContext, 'spec'>,
  m: WireMessage,
  withKaitai = true,
): { signature: string; detail: string; frame?: Uint8Array; reference?: Outcome } | undefined {
  const shown = () => JSON.stringify(m, bigintSafe).slice(0, 400);
  let first: Uint8Array;
  try {
    first = encodeFrame(m);
  } catch (err) {
    return {
      signature: `${m.type}: the encoder refuses a valid value (${isWireError(err) ? err.code : 'crash'})`,
      detail: `${describe(err)}\n${shown()}`,
    };
  }
  const reference = decodeWithInterpreter(ctx.spec, first);
  const fail = (signature: string, detail: string) => ({
    signature: `${m.type}: ${signature}`,
    detail: `${detail}\n${shown()}`,
    frame: first,
    reference,
  });
  let back: WireMessage;
  try {
    back = decodeFrame(first);
  } catch (err) {
    return fail(`the decoder refuses the encoder's frame (${isWireError(err) ? err.code : 'crash'})`, describe(err));
  }
  let second: Uint8Array;
  try {
    second = encodeFrame(back);
  } catch (err) {
    return fail('re-encoding the decoded value throws', describe(err));
  }
  if (Buffer.compare(first, second) !== 0) return fail('encode → decode → encode changes the bytes', '');
  const expected = project(m) as Value;
  const decoded = project(back) as Value;
  if (!isDeepStrictEqual(decoded, expected))
    return fail('decode(encode(v)) ≠ v', JSON.stringify(decoded).slice(0, 300));
  if (!('value' in reference) || !isDeepStrictEqual(reference.value, expected))
    return fail('the interpreter decodes another value', JSON.stringify(reference).slice(0, 300));
  let theirs: Uint8Array;
  try {
    theirs = interpretEncode(ctx.spec, expected);
  } catch (err) {
    return fail('the interpreter refuses to encode it', String(err));
  }
  if (Buffer.compare(theirs, first) !== 0)
    return fail("the interpreter's encoder writes other bytes", Buffer.from(theirs).toString('hex').slice(0, 200));
  if (!withKaitai) return undefined;
  const k = decodeWithKaitai(first);
  if (!('value' in k) || !isDeepStrictEqual(k.value, expected))
    return fail('kaitai-js decodes another value', JSON.stringify(k).slice(0, 300));
  return undefined;
}

export function runRoundtrip(ctx: TargetContext): TargetResult {
  const start = now();
  const deadline = start + ctx.budgetMs;
  let inputs = 0;
  let failures = 0;
  for (let batch = 0; now() < deadline; batch++) {
    // One seed per batch, derived from the run's seed, so any batch can be replayed alone.
    const values = fc.sample(anyMessage, { seed: (ctx.seed + batch * 7919) | 0, numRuns: BATCH });
    for (const m of values) {
      inputs++;
      // Kaitai is the slowest decoder and the mutation target runs it on every input; here
      // every fourth value is enough to catch a disagreement on valid frames.
      const f = roundtrip(ctx, m, inputs % 4 === 0);
      if (f) {
        failures++;
        ctx.failures.add({ target: 'roundtrip', ...f });
      }
    }
  }
  return { name: 'roundtrip', inputs, unit: 'values', ms: now() - start, failures, notes: [] };
}
