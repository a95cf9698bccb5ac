// The storage decoders built on Kaitai: the JavaScript parsers kaitai-struct-compiler generates
// from felix_segment.ksy and felix_index.ksy (in process, on the kaitai-struct runtime) and the
// Python ones (conformance/python/kaitai_storage_decoder.py, one child process). Kaitai parses
// and checks; the harness only asks each record's lazy payload checksum before reading the next
// (the .ksy leaves it lazy so opening a large segment stays cheap), compares the companion
// file's field a `matches` rule names, and writes the notation.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Spec, StorageStruct } from '@felix/spec';
import { withFixedRuntime } from '../decoders/kaitai-js.js';
import { KAITAI_PYTHON } from '../decoders/kaitai-python.js';
import type { Value } from '../notation.js';
import type { StorageError, StorageOutcome, StorageVector } from './vectors.js';

const ROOT = join(dirname(createRequire(import.meta.url).resolve('@felix/spec')), '../../');
const KAITAI_DIR = `${ROOT}generated/kaitai/`;
const PYTHON_SCRIPT = fileURLToPath(new URL('../../python/kaitai_storage_decoder.py', import.meta.url));
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

class Rejection extends Error {
  constructor(readonly error: StorageError) {
    super(error.code);
  }
}

interface Checks {
  validations: Record<string, { code: string; field: string }>;
  lazy: Record<string, { code: string; field: string }>;
  cross_file: { field: string; matches: string; code: string }[];
}

interface KaitaiFile {
  kind: 'segment' | 'index';
  Root: any;
  checks: Checks;
}

const pascal = (id: string) => id.replace(/(^|_)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
const camel = (id: string) => id.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

let loaded: { KS: any; files: Map<string, KaitaiFile> } | undefined;

function load() {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const KS = require(require.resolve('kaitai-struct/KaitaiStream', { paths: [`${KAITAI_DIR}js/`] }));
  const files = new Map<string, KaitaiFile>();
  for (const kind of ['segment', 'index'] as const) {
    const id = `felix_${kind}`;
    files.set(kind, {
      kind,
      Root: require(`${KAITAI_DIR}js/${pascal(id)}.cjs`),
      checks: JSON.parse(readFileSync(`${KAITAI_DIR}${id}.errors.json`, 'utf8')),
    });
  }
  loaded = { KS, files };
  return loaded;
}

function parse<T>(KS: any, checks: Checks, make: () => T): T {
  try {
    return withFixedRuntime(KS, make);
  } catch (err) {
    if (err instanceof KS.EOFError) throw new Rejection({ code: 'truncated' });
    const srcPath = (err as { srcPath?: unknown }).srcPath;
    const check = typeof srcPath === 'string' ? checks.validations[srcPath] : undefined;
    if (!check) throw err;
    throw new Rejection({ code: check.code, field: check.field });
  }
}

/** The params a struct type takes: where it starts, and its index (-1: read alone). */
function structArgs(s: StorageStruct, start: number, index: number): number[] {
  const args: number[] = [];
  if (s.fields.some((f) => f.crc)) args.push(start);
  if (s.fields.some((f) => f.sequence || f.ascending)) args.push(index);
  return args;
}

function structValue(s: StorageStruct, obj: any, checks: Checks): Value {
  const out: Value = {};
  for (const f of s.fields) {
    const v = obj[camel(f.name)];
    if (f.type === 'bytes') out[f.name] = Buffer.from(v).toString('hex');
    else if (f.type === 'u64') out[f.name] = (v as bigint) <= MAX_SAFE ? Number(v) : String(v);
    else out[f.name] = v;
  }
  for (const [instance, check] of Object.entries(checks.lazy)) {
    if (check.field.split('.')[0] === s.name && !obj[camel(instance)]) throw new Rejection(check);
  }
  return out;
}

function checkCompanion(file: KaitaiFile, header: any, companion: StorageVector['companion']): void {
  for (const check of file.checks.cross_file) {
    const [struct, field] = check.matches.split('.');
    const expected = companion?.[struct]?.[field];
    const own = check.field.split('.')[1];
    if (expected !== undefined && BigInt(header[camel(own)]) !== BigInt(expected as number))
      throw new Rejection({ code: check.code, field: check.field });
  }
}

function decodeFile(
  spec: Spec,
  KS: any,
  file: KaitaiFile,
  bytes: Uint8Array,
  companion: StorageVector['companion'],
): Value {
  const f = spec.storage.files[file.kind];
  const header = spec.storage.structs[f.header];
  const body = spec.storage.structs[f.body];
  const fileValue = (root: any): Value => {
    const value: Value = { header: structValue(header, root.header, file.checks) };
    checkCompanion(file, root.header, companion);
    value[f.items] = (root[camel(f.items)] as any[]).map((item) => structValue(body, item, file.checks));
    if (f.torn_tail === 'ignored') value.torn_bytes = root.torn.length;
    return value;
  };
  if (Object.keys(file.checks.lazy).length === 0) {
    return fileValue(parse(KS, file.checks, () => new file.Root(new KS(bytes))));
  }
  // One body struct at a time, each one's lazy checks asked before the next is read, so
  // problems are found in file order.
  const io = new KS(bytes);
  const H = file.Root[pascal(f.header)];
  const B = file.Root[pascal(f.body)];
  const head = parse(KS, file.checks, () => new H(io, null, null, ...structArgs(header, 0, -1)));
  const value: Value = { header: structValue(header, head, file.checks) };
  checkCompanion(file, head, companion);
  const parent: Record<string, unknown> = { header: head, [camel(f.items)]: [] };
  const items: Value[] = [];
  while (!io.isEof()) {
    const start = io.pos;
    const item = parse(KS, file.checks, () => new B(io, parent, null, ...structArgs(body, start, items.length)));
    (parent[camel(f.items)] as unknown[]).push(item);
    items.push(structValue(body, item, file.checks));
  }
  value[f.items] = items;
  // The parser's own loop must read the same file the same way.
  const whole = fileValue(parse(KS, file.checks, () => new file.Root(new KS(bytes))));
  if (JSON.stringify(whole) !== JSON.stringify(value)) throw new Error('the root type reads another value');
  return value;
}

export function decodeStorageWithKaitaiJs(spec: Spec, vector: StorageVector): StorageOutcome {
  const { KS, files } = load();
  const bytes = new Uint8Array(Buffer.from(vector.bytesHex, 'hex'));
  try {
    const file = files.get(vector.kind);
    if (file) return { value: decodeFile(spec, KS, file, bytes, vector.companion) };
    const owner = [...files.values()].find((x) => {
      const f = spec.storage.files[x.kind];
      return f.header === vector.kind || f.body === vector.kind;
    });
    if (!owner) throw new Error(`no Kaitai type for ${vector.kind}`);
    const s = spec.storage.structs[vector.kind];
    const Type = owner.Root[pascal(vector.kind)];
    const io = new KS(bytes);
    const obj = parse(KS, owner.checks, () => new Type(io, null, null, ...structArgs(s, 0, -1)));
    if (io.pos !== bytes.length) throw new Error(`${bytes.length - io.pos} bytes after the ${vector.kind}`);
    return { value: structValue(s, obj, owner.checks) };
  } catch (err) {
    if (err instanceof Rejection) return { error: err.error };
    return { error: { code: `internal:${(err as Error).message}` } };
  }
}

export async function decodeStorageWithKaitaiPython(vectors: StorageVector[]): Promise<Map<string, StorageOutcome>> {
  const child = spawn(KAITAI_PYTHON, [PYTHON_SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
  child.stdin.on('error', () => {});
  for (const v of vectors) {
    child.stdin.write(
      `${JSON.stringify({ name: v.name, kind: v.kind, bytes_hex: v.bytesHex, companion: v.companion })}\n`,
    );
  }
  child.stdin.end();
  const code = await exited;
  const answers = new Map<string, StorageOutcome>();
  for (const line of Buffer.concat(stdout).toString('utf8').split('\n')) {
    if (!line) continue;
    const a = JSON.parse(line) as { name: string; value?: Value; error?: StorageError };
    answers.set(a.name, a.error !== undefined ? { error: a.error } : { value: a.value! });
  }
  const why = `${KAITAI_PYTHON} exited with ${code}: ${Buffer.concat(stderr).toString('utf8').trim().slice(-500)}`;
  for (const v of vectors)
    if (!answers.has(v.name)) answers.set(v.name, { error: { code: `internal:no answer (${why})` } });
  return answers;
}
