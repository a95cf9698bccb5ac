// Storage vectors (conformance/storage-vectors) and their fuzz seeds (fuzz/corpus-storage):
// bytes the reference interpreter wrote, each decoded by it again before it is written — a
// positive vector must decode, a negative one must fail with the code, field and position it
// states — and the spec's worked examples (upstream's golden bytes) among them.
import type { Spec } from '@felix/spec';
import { interpretStorage, StorageInterpreterError } from '@felix/spec/interpreter';
import { GENERATED_NOTICE, type GeneratedFile, jsonText } from '../../target.js';
import { type StorageSample, storageSamples } from '../../vectors/storage-samples.js';

export const STORAGE_VECTORS_DIR = 'conformance/storage-vectors';
export const STORAGE_CORPUS_DIR = 'fuzz/corpus-storage';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

function checkNegative(spec: Spec, s: StorageSample): void {
  const expected = s.error!;
  try {
    interpretStorage(spec, s.kind, s.bytes, { companion: s.companion });
  } catch (err) {
    if (!(err instanceof StorageInterpreterError)) throw err;
    const got = { code: err.code, field: err.field, position: err.position };
    if (got.code === expected.code && got.field === expected.field && got.position === expected.position) return;
    throw new Error(
      `storage vector ${s.name}: the interpreter says ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}`,
    );
  }
  throw new Error(`storage vector ${s.name}: the interpreter accepts it, expected ${expected.code}`);
}

/** Every storage sample, the spec's worked examples included. */
export function allStorageSamples(spec: Spec): StorageSample[] {
  const examples: StorageSample[] = spec.storage.examples.map((ex) => ({
    name: ex.name,
    kind: ex.struct,
    description: ex.doc,
    bytes: Buffer.from(ex.hex, 'hex'),
    tags: [`kind:${ex.struct}`, 'expect:value', `source:example`, `origin:${ex.origin}`],
  }));
  const samples = [...examples, ...storageSamples(spec)];
  const seen = new Set<string>();
  for (const s of samples) {
    if (seen.has(s.name)) throw new Error(`two storage vectors named ${s.name}`);
    seen.add(s.name);
  }
  return samples;
}

export function storageVectorFiles(spec: Spec): GeneratedFile[] {
  const files: GeneratedFile[] = [];
  for (const s of allStorageSamples(spec)) {
    let expect: Record<string, unknown>;
    if (s.error) {
      checkNegative(spec, s);
      expect = { error: s.error };
    } else {
      expect = { value: interpretStorage(spec, s.kind, s.bytes, { companion: s.companion }) };
    }
    const example = spec.storage.examples.find((e) => e.name === s.name);
    if (example && JSON.stringify(expect.value) !== JSON.stringify(example.value))
      throw new Error(`storage example ${s.name}: its hex does not decode to its value`);
    files.push({
      path: `${STORAGE_VECTORS_DIR}/${s.name}.json`,
      contents: jsonText({
        $comment: GENERATED_NOTICE,
        name: s.name,
        description: s.description,
        tags: s.tags,
        kind: s.kind,
        ...(s.companion ? { companion: s.companion } : {}),
        bytes_hex: hex(s.bytes),
        expect,
      }),
    });
    files.push({ path: `${STORAGE_CORPUS_DIR}/${s.name}.bin`, contents: new Uint8Array(s.bytes) });
  }
  return files;
}
