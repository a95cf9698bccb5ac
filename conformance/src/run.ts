// Checks vectors against a set of decoders and the generated encoder, and reports a table.
import { isDeepStrictEqual } from 'node:util';
import { encodeFrame, isWireError } from '@felix/generated';
import type { Spec } from '@felix/spec';
import { fromHex, fromNotation, type Outcome, toHex } from './notation.js';
import type { Vector } from './vectors.js';

export interface Decoder {
  name: string;
  decodeAll(vectors: Vector[]): Promise<Map<string, Outcome>>;
}

export interface CellResult {
  ok: boolean;
  detail?: string;
}

export interface VectorResult {
  vector: Vector;
  cells: Map<string, CellResult>;
}

export const ENCODE_COLUMN = 'encode';

function judge(vector: Vector, outcome: Outcome | undefined): CellResult {
  if (!outcome) return { ok: false, detail: 'no answer' };
  if ('error' in vector.expect) {
    if ('error' in outcome && outcome.error === vector.expect.error) return { ok: true };
    return { ok: false, detail: `expected error ${vector.expect.error}, got ${JSON.stringify(outcome).slice(0, 200)}` };
  }
  if ('value' in outcome && isDeepStrictEqual(outcome.value, vector.expect.value)) return { ok: true };
  return {
    ok: false,
    detail: `expected ${JSON.stringify(vector.expect.value).slice(0, 200)}, got ${JSON.stringify(outcome).slice(0, 200)}`,
  };
}

/** Tag of a vector whose frame is valid but not the one encoding (JSON found by a fuzzer). */
export const NONCANONICAL_TAG = 'noncanonical';

function reencode(spec: Spec, vector: Vector): CellResult | undefined {
  if (!('value' in vector.expect) || vector.tags.includes(NONCANONICAL_TAG)) return undefined;
  try {
    const bytes = toHex(encodeFrame(fromNotation(spec, vector.expect.value)));
    return bytes === vector.frameHex ? { ok: true } : { ok: false, detail: `encoder wrote ${bytes.slice(0, 120)}…` };
  } catch (err) {
    return { ok: false, detail: `encoder threw ${isWireError(err) ? err.code : ''} ${(err as Error).message}` };
  }
}

export async function runConformance(spec: Spec, vectors: Vector[], decoders: Decoder[]): Promise<VectorResult[]> {
  const answers = new Map<string, Map<string, Outcome>>();
  for (const d of decoders) answers.set(d.name, await d.decodeAll(vectors));
  return vectors.map((vector) => {
    const cells = new Map<string, CellResult>();
    for (const d of decoders) cells.set(d.name, judge(vector, answers.get(d.name)!.get(vector.name)));
    const enc = reencode(spec, vector);
    if (enc) cells.set(ENCODE_COLUMN, enc);
    return { vector, cells };
  });
}

/** Adapts a per-frame decode function to the batch interface. */
export function perFrame(name: string, decode: (frame: Uint8Array, hex: string) => Outcome): Decoder {
  return {
    name,
    decodeAll: async (vectors) => new Map(vectors.map((v) => [v.name, decode(fromHex(v.frameHex), v.frameHex)])),
  };
}

export function formatTable(
  results: { vector: { name: string }; cells: Map<string, CellResult> }[],
  columns: string[],
  onlyFailures: boolean,
): string {
  const width = Math.max(6, ...results.map((r) => r.vector.name.length));
  const lines = [`${'vector'.padEnd(width)}  ${columns.map((c) => c.padEnd(9)).join(' ')}`];
  for (const r of results) {
    const failed = [...r.cells.values()].some((c) => !c.ok);
    if (onlyFailures && !failed) continue;
    const row = columns.map((c) => {
      const cell = r.cells.get(c);
      return (cell ? (cell.ok ? 'ok' : 'FAIL') : '-').padEnd(9);
    });
    lines.push(`${r.vector.name.padEnd(width)}  ${row.join(' ')}`);
    for (const [column, cell] of r.cells) if (!cell.ok) lines.push(`    ${column}: ${cell.detail}`);
  }
  return lines.join('\n');
}
