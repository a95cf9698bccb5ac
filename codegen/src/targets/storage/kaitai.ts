// Kaitai Struct descriptions of the two storage file kinds (felix_segment.ksy, felix_index.ksy),
// built from storage.yaml, with the JavaScript and Python parsers kaitai-struct-compiler 0.10
// makes of them, so a Python or Go user opens our segments with Kaitai alone. Kaitai has no
// checksum primitive and no loops in expressions, so CRC-32 is unrolled: a type per input
// length computes the table-driven CRC one byte per instance. CRCs over fixed header bytes
// are checked while parsing, in the spec's check order; a CRC that covers a payload is the lazy
// instance `<field>_ok` (one Kaitai object per 64 payload bytes), evaluated only when asked for,
// so opening a large segment stays cheap. Each check names its error in felix_<kind>.errors.json.
import { createRequire } from 'node:module';
import type { Spec, StorageField, StorageFile, StorageStruct } from '@felix/spec';
import YAML from 'yaml';
import { GENERATED_NOTICE, type GeneratedFile, jsonText } from '../../target.js';
import { ERROR_KEY, ksyText, validationErrors } from '../kaitai.js';

const OUT = 'generated/kaitai';
/** Custom ksy key naming the field a failed check is reported against. */
export const FIELD_KEY = '-felix-field';
const INT_TYPES: Record<string, string> = { u16: 'u2', u32: 'u4', u64: 'u8' };
const BLOCK = 64;
const U32 = 4294967296;

type Ksy = Record<string, unknown>;

export const ksyId = (file: StorageFile) => `felix_${file.name}`;
const className = (id: string) => id.replace(/(^|_)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());

function crcTable(spec: Spec): number[] {
  const c = spec.storage.checksum;
  let reversed = 0;
  for (let i = 0; i < 32; i++) if (c.polynomial & (1 << i)) reversed |= 1 << (31 - i);
  reversed >>>= 0;
  return Array.from({ length: 256 }, (_, n) => {
    let v = n;
    for (let k = 0; k < 8; k++) v = v & 1 ? (reversed ^ (v >>> 1)) >>> 0 : v >>> 1;
    return v >>> 0;
  });
}

/**
 * CRC of exactly `n` bytes, continuing from register `init`. `register` is the state to
 * continue with, `value` the finished CRC. Division by 256 and `%` 2^32 rather than shifts
 * and masks, because JavaScript's bitwise operators are signed 32-bit.
 */
function crcBlockType(spec: Spec, n: number): Ksy {
  const instances: Ksy = { table: { value: `[${crcTable(spec).join(', ')}]` } };
  let prev = 'init';
  for (let i = 0; i < n; i++) {
    instances[`s${i + 1}`] = { value: `(table[(${prev} ^ data[${i}]) & 0xff] ^ (${prev} / 256)) % ${U32}` };
    prev = `s${i + 1}`;
  }
  instances.register = { value: prev, doc: 'The CRC register after these bytes, to continue with.' };
  instances.value = { value: `(${prev} ^ ${spec.storage.checksum.xor_out}) % ${U32}`, doc: 'The finished CRC-32.' };
  return {
    doc: `CRC-32 of exactly ${n} bytes, unrolled (Kaitai expressions have no loops).`,
    params: [
      { id: 'init', type: 'u4', doc: `The register to start from: ${spec.storage.checksum.init} for a new CRC.` },
    ],
    seq: [{ id: 'data', size: n }],
    instances,
  };
}

function crcRunType(spec: Spec): Ksy {
  return {
    doc: `CRC-32 of the whole stream it is parsed from: ${BLOCK}-byte blocks, then single bytes.`,
    params: [{ id: 'init', type: 'u4', doc: 'The register to start from.' }],
    seq: [
      {
        id: 'blocks',
        type: `crc32_${BLOCK}(_index == 0 ? init : blocks[_index - 1].register)`,
        repeat: 'expr',
        'repeat-expr': `_io.size / ${BLOCK}`,
      },
      {
        id: 'tail',
        type: `crc32_1(_index == 0 ? (blocks.size == 0 ? init : blocks.last.register) : tail[_index - 1].register)`,
        repeat: 'expr',
        'repeat-expr': `_io.size % ${BLOCK}`,
      },
    ],
    instances: {
      register: { value: 'tail.size > 0 ? tail.last.register : (blocks.size > 0 ? blocks.last.register : init)' },
      value: { value: `(register ^ ${spec.storage.checksum.xor_out}) % ${U32}`, doc: 'The finished CRC-32.' },
    },
  };
}

interface StructKsy {
  type: Ksy;
  /** CRC block lengths the struct uses. */
  blocks: Set<number>;
  run: boolean;
  /** Lazy checks: instance name → code and field. */
  lazy: { instance: string; code: string; field: string }[];
  /** Checks of a companion file's field, left to the reader (Kaitai sees one file). */
  crossFile: { field: string; matches: string; code: string }[];
}

const fieldByName = (s: StorageStruct, name: string) => s.fields.find((f) => f.name === name)!;

/** The params a struct type takes: where it starts (for CRC ranges) and its index in its file. */
function structParams(s: StorageStruct): Ksy[] {
  const params: Ksy[] = [];
  if (s.fields.some((f) => f.crc))
    params.push({
      id: 'start',
      type: 'u8',
      doc: 'Byte position of the struct in its stream (CRC ranges are relative to it).',
    });
  if (s.fields.some((f) => f.sequence || f.ascending))
    params.push({
      id: 'index',
      type: 's8',
      doc: 'Its index in the file, or -1 for a struct read alone (order is then not checked).',
    });
  return params;
}

function crcInstances(s: StorageStruct, f: StorageField, out: StructKsy, initial: number): string {
  let register = String(initial);
  out.type.instances ??= {};
  const instances = out.type.instances as Ksy;
  f.crc!.covers.forEach((part, i) => {
    const id = `${f.name}_part${i}`;
    if ('field' in part) {
      const body = fieldByName(s, part.field);
      instances[id] = { pos: `start + ${body.at}`, size: body.size_from, type: `crc32_run(${register})` };
      out.run = true;
    } else {
      const n = part.to - part.from;
      instances[id] = { pos: `start + ${part.from}`, size: n, type: `crc32_${n}(${register})` };
      out.blocks.add(n);
    }
    register = `${id}.register`;
  });
  const last = `${f.name}_part${f.crc!.covers.length - 1}`;
  instances[`${f.name}_computed`] = { value: `${last}.value`, doc: `CRC-32 the ${f.name} field should hold.` };
  return `${f.name} == ${f.name}_computed`;
}

function structType(spec: Spec, s: StorageStruct, file: StorageFile): StructKsy {
  const out: StructKsy = { type: { doc: s.doc }, blocks: new Set(), run: false, lazy: [], crossFile: [] };
  const params = structParams(s);
  if (params.length) out.type.params = params;
  const check = (id: string, expr: string, code: string, field: string, doc: string): Ksy => ({
    id,
    size: 0,
    valid: { expr },
    [ERROR_KEY]: code,
    [FIELD_KEY]: field,
    doc,
  });
  const seq: Ksy[] = [
    check(
      'complete',
      `_io.size - _io.pos >= ${s.size}`,
      'truncated',
      s.name,
      `The ${s.size} bytes of the fixed part are there.`,
    ),
  ];
  for (const f of s.fields) {
    if (f.type !== 'bytes') seq.push({ id: f.name, type: INT_TYPES[f.type], doc: f.doc });
  }
  const header = spec.storage.structs[file.header];
  for (const name of s.checks) {
    const f = fieldByName(s, name);
    const field = `${s.name}.${f.name}`;
    if (f.type === 'bytes') {
      seq.push(
        check(
          `${f.name}_complete`,
          `_io.size - _io.pos >= ${f.size_from}`,
          'truncated',
          field,
          `The ${f.size_from} bytes of ${f.name} are there.`,
        ),
        { id: f.name, size: f.size_from, doc: f.doc },
      );
      continue;
    }
    const rules: string[] = [];
    if (f.const !== undefined) rules.push(`${f.name} == ${f.const > 0xff ? `0x${f.const.toString(16)}` : f.const}`);
    if (f.max) rules.push(`${f.name} <= ${spec.storage.limits[f.max].value}`);
    if (f.min !== undefined) rules.push(`${f.name} >= ${f.min}`);
    if (f.ascending) rules.push(`index < 1 or ${f.name} > _parent.${file.items}[index - 1].${f.name}`);
    if (f.sequence) {
      const [struct, headerField] = f.sequence.split('.');
      if (struct !== header.name) throw new Error(`kaitai: ${field} follows ${f.sequence}, not its file's header`);
      // A difference, compared with ==, so the check holds whether the runtime reads u8 as a
      // number or a BigInt.
      rules.push(`index < 0 or ${f.name} - _parent.header.${headerField} == index`);
    }
    if (f.matches) out.crossFile.push({ field, matches: f.matches, code: f.error! });
    if (f.crc) {
      const expr = crcInstances(s, f, out, spec.storage.checksum.init);
      if (f.crc.covers.some((p) => 'field' in p)) {
        (out.type.instances as Ksy)[`${f.name}_ok`] = {
          value: expr,
          doc: `Whether ${f.name} matches. Lazy: it reads the payload through one Kaitai object per ${BLOCK} bytes, so a reader asks for it only when it verifies (zlib.crc32 or hash/crc32 of the same bytes is faster).`,
        };
        out.lazy.push({ instance: `${f.name}_ok`, code: f.error!, field });
      } else {
        rules.push(expr);
      }
    }
    if (rules.length)
      seq.push(
        check(
          `${f.name}_valid`,
          rules.map((r) => `(${r})`).join(' and '),
          f.error!,
          field,
          `Checks ${f.name}: ${f.doc}`,
        ),
      );
  }
  out.type.seq = seq;
  return out;
}

export function buildStorageKsy(
  spec: Spec,
  file: StorageFile,
): { ksy: Ksy; lazy: StructKsy['lazy']; crossFile: StructKsy['crossFile'] } {
  const header = spec.storage.structs[file.header];
  const body = spec.storage.structs[file.body];
  const types: Ksy = {};
  const blocks = new Set<number>();
  let run = false;
  const lazy: StructKsy['lazy'] = [];
  const crossFile: StructKsy['crossFile'] = [];
  for (const s of [header, body]) {
    const t = structType(spec, s, file);
    types[s.name] = t.type;
    for (const b of t.blocks) blocks.add(b);
    run ||= t.run;
    lazy.push(...t.lazy);
    crossFile.push(...t.crossFile);
  }
  if (run) {
    blocks.add(BLOCK);
    blocks.add(1);
    types.crc32_run = crcRunType(spec);
  }
  for (const n of [...blocks].sort((a, b) => a - b)) types[`crc32_${n}`] = crcBlockType(spec, n);
  const args = (s: StorageStruct) => {
    const params = structParams(s).map((p) => (p.id === 'start' ? '_io.pos' : '_index'));
    return params.length ? `(${params.join(', ')})` : '';
  };
  const seq: Ksy[] = [{ id: 'header', type: `${header.name}${args(header)}`, doc: header.doc }];
  if (file.torn_tail === 'ignored') {
    seq.push(
      {
        id: file.items,
        type: `${body.name}${args(body)}`,
        repeat: 'expr',
        // _io.size, not _io.pos: some runtimes evaluate the count before every item.
        'repeat-expr': `(_io.size - ${header.size}) / ${body.size}`,
        doc: body.doc,
      },
      { id: 'torn', 'size-eos': true, doc: 'A torn last entry (fewer bytes than one), ignored.' },
    );
  } else {
    seq.push({ id: file.items, type: `${body.name}${args(body)}`, repeat: 'eos', doc: body.doc });
  }
  const ksy: Ksy = {
    meta: {
      id: ksyId(file),
      title: `${spec.storage.name}: ${file.name} file (.${file.extension})`,
      'file-extension': file.extension,
      'ks-version': '0.10',
      endian: 'be',
    },
    doc: `${spec.storage.doc}\n\n${file.doc}\n\nChecks run in the spec's order as the file parses; every failure is a validation error whose srcPath ${ksyId(file)}.errors.json maps to the spec's error code and field. ${lazy.length ? `Not checked while parsing: ${lazy.map((l) => `${l.field} (the lazy instance ${l.instance})`).join(', ')}; to find problems in file order, read the ${body.name}s one at a time with the ${body.name} type (start = the stream position, index = its number, parent = an object holding the header and the ${file.items} read so far) and ask each one's check before reading the next. ` : ''}${crossFile.length ? `Left to the reader, who knows the companion file: ${crossFile.map((c) => `${c.field} must equal ${c.matches}`).join(', ')}.` : ''}`.trim(),
    'doc-ref': 'spec/storage.yaml',
    seq,
    types,
  };
  return { ksy, lazy, crossFile };
}

function loadCompiler(): {
  compile(lang: string, ksy: unknown, importer: unknown, debug: boolean): Promise<Record<string, string>>;
} {
  const require = createRequire(import.meta.url);
  const Compiler = require('kaitai-struct-compiler');
  return new Compiler();
}

function single(files: Record<string, string>, lang: string): string {
  const sources = Object.values(files);
  if (sources.length !== 1) throw new Error(`kaitai: expected one ${lang} file, got ${Object.keys(files).join(', ')}`);
  return sources[0];
}

/** Where each check of a storage ksy sits (ksc's srcPath) and what it reports. */
function checkTable(ksy: Record<string, any>): Record<string, { code: string; field: string }> {
  const codes = validationErrors(ksy);
  const out: Record<string, { code: string; field: string }> = {};
  for (const [path, code] of Object.entries(codes)) {
    const [, , type, , index] = path.split('/');
    const field = (ksy.types[type].seq as Ksy[])[Number(index)][FIELD_KEY] as string;
    out[path] = { code, field };
  }
  return out;
}

export async function storageKaitaiFiles(spec: Spec): Promise<GeneratedFile[]> {
  const compiler = loadCompiler();
  const files: GeneratedFile[] = [];
  for (const file of Object.values(spec.storage.files)) {
    const id = ksyId(file);
    const { ksy, lazy, crossFile } = buildStorageKsy(spec, file);
    const text = ksyText(ksy);
    const parsed = YAML.parse(text) as Record<string, any>;
    const js = single(await compiler.compile('javascript', parsed, null, false), 'javascript');
    const python = single(await compiler.compile('python', parsed, null, false), 'python');
    const notice = (style: string) => `${style} ${GENERATED_NOTICE}\n`;
    files.push(
      { path: `${OUT}/${id}.ksy`, contents: text },
      { path: `${OUT}/js/${className(id)}.cjs`, contents: notice('//') + js },
      { path: `${OUT}/python/${id}.py`, contents: notice('#') + python },
      {
        path: `${OUT}/${id}.errors.json`,
        contents: jsonText({
          $comment: `${GENERATED_NOTICE}. ksc srcPath of each check in ${id}.ksy → storage error code and field; lazy checks a reader evaluates itself; checks across files.`,
          validations: checkTable(parsed),
          lazy: Object.fromEntries(lazy.map((l) => [l.instance, { code: l.code, field: l.field }])),
          cross_file: crossFile,
        }),
      },
    );
  }
  return files;
}
