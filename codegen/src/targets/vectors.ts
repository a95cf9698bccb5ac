// Conformance vectors (conformance/vectors) and the fuzz seed corpus (fuzz/corpus), built from
// the spec: frames are written by the reference interpreter, never by the generated codec
// they test, and each is checked against the interpreter before it is written.
import { isDeepStrictEqual } from 'node:util';
import type { Spec } from '@felix/spec';
import { InterpreterError, interpretEncode, interpretFrame } from '@felix/spec/interpreter';
import { GENERATED_NOTICE, type GeneratedFile, jsonText, type Target } from '../target.js';
import { atLimitSamples, compactHex, compactValue, LIMIT_UNIT_TEXT } from '../vectors/at-limit.js';
import { formatNegativeSamples } from '../vectors/format-negatives.js';
import { negativeSamples } from '../vectors/negatives.js';
import { positiveSamples } from '../vectors/samples.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

function expectError(spec: Spec, name: string, frame: Uint8Array, code: string): void {
  try {
    interpretFrame(spec, frame);
  } catch (err) {
    if (err instanceof InterpreterError && err.code === code) return;
    throw new Error(`negative vector ${name}: the interpreter says ${(err as Error).message}, expected ${code}`);
  }
  throw new Error(`negative vector ${name}: the interpreter accepts it, expected ${code}`);
}

function vectorFile(name: string, body: Record<string, unknown>): GeneratedFile {
  return {
    path: `conformance/vectors/${name}.json`,
    contents: jsonText({ $comment: GENERATED_NOTICE, name, ...body }),
  };
}

export function buildVectors(spec: Spec): GeneratedFile[] {
  const files: GeneratedFile[] = [];
  const corpus: GeneratedFile[] = [];
  const seen = new Set<string>();
  const unique = (name: string) => {
    if (seen.has(name)) throw new Error(`two vectors named ${name}`);
    seen.add(name);
  };
  const samples = positiveSamples(spec);
  for (const s of samples) {
    unique(s.name);
    const frame = interpretEncode(spec, s.value);
    const back = interpretFrame(spec, frame);
    if (!isDeepStrictEqual(back, s.value))
      throw new Error(`vector ${s.name} does not round-trip through the interpreter`);
    files.push(
      vectorFile(s.name, {
        description: s.description,
        tags: s.tags,
        frame_hex: hex(frame),
        expect: { value: s.value },
      }),
    );
    corpus.push({ path: `fuzz/corpus/${s.name}.bin`, contents: frame });
  }
  // Too big for the repository written out, and for the fuzz corpus (the mutate target builds
  // its own frames at the limit): long hex, expanded by whoever loads the vector.
  for (const s of atLimitSamples(spec, samples)) {
    unique(s.name);
    const frame = interpretEncode(spec, s.value);
    if (!isDeepStrictEqual(interpretFrame(spec, frame), s.value))
      throw new Error(`vector ${s.name} does not round-trip through the interpreter`);
    files.push(
      vectorFile(s.name, {
        description: s.description,
        tags: s.tags,
        frame_hex: compactHex(frame, LIMIT_UNIT_TEXT),
        expect: { value: compactValue(s) },
      }),
    );
  }
  for (const ex of spec.examples) {
    unique(ex.name);
    const frame = Buffer.from(ex.hex, 'hex');
    if (!isDeepStrictEqual(interpretFrame(spec, frame), ex.value))
      throw new Error(`example ${ex.name}: its hex does not decode to its value`);
    const type = String(ex.value.type);
    const kind = spec.layouts.some((l) => l.name === type) ? 'layout' : 'message';
    const flags = `0x${frame.readUInt16BE(6).toString(16).padStart(4, '0')}`;
    files.push(
      vectorFile(ex.name, {
        description: ex.doc,
        tags: [`${kind}:${type}`, `flags:${flags}`, 'source:example'],
        frame_hex: ex.hex,
        expect: { value: ex.value },
      }),
    );
    corpus.push({ path: `fuzz/corpus/${ex.name}.bin`, contents: frame });
  }
  for (const n of [...negativeSamples(spec, samples), ...formatNegativeSamples(spec, samples)]) {
    unique(n.name);
    expectError(spec, n.name, n.frame, n.error);
    files.push(
      vectorFile(n.name, {
        description: n.description,
        tags: n.tags,
        frame_hex: hex(n.frame),
        expect: { error: n.error },
      }),
    );
    corpus.push({ path: `fuzz/corpus/${n.name}.bin`, contents: n.frame });
  }
  return [...files, ...corpus];
}

export const vectorsTarget: Target = {
  name: 'vectors',
  owns: ['conformance/vectors', 'fuzz/corpus'],
  generate: buildVectors,
};
