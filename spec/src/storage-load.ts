// The storage section (storage.yaml): normalised into the model, then checked for what the
// schema cannot say — that sizes add up, that every name a rule uses exists, and that a CRC
// covers bytes that come before it.
import type { SpecProblem } from './load.js';
import type { StorageField, StorageSpec, StorageStruct } from './model.js';

const FIELD_SIZE: Record<string, number> = { u16: 2, u32: 4, u64: 8 };
const FILE = 'storage.yaml';

function stripHexComments(hex: string): string {
  return hex
    .split('\n')
    .map((line) => line.replace(/#.*$/, ''))
    .join('')
    .replace(/\s+/g, '');
}

function normaliseStruct(name: string, raw: Record<string, any>): StorageStruct {
  let at: number | undefined = 0;
  const fields = (raw.fields as Record<string, any>[]).map((f): StorageField => {
    const size = FIELD_SIZE[f.type as string];
    const placed = {
      ...f,
      origin: f.origin ?? raw.origin,
      at: at as number,
      ...(size ? { size } : {}),
    } as StorageField;
    at = at === undefined || size === undefined ? undefined : at + size;
    return placed;
  });
  return {
    ...(raw as StorageStruct),
    name,
    checks:
      (raw.checks as string[] | undefined) ?? fields.filter((f) => f.error || f.type === 'bytes').map((f) => f.name),
    fields,
  };
}

export function normaliseStorage(raw: Record<string, any>): StorageSpec {
  const files = raw.files as Record<string, any>;
  return {
    ...(raw as StorageSpec),
    files: {
      segment: { ...files.segment, name: 'segment' },
      index: { ...files.index, name: 'index' },
    },
    structs: Object.fromEntries(
      Object.entries(raw.structs as Record<string, any>).map(([name, s]) => [name, normaliseStruct(name, s)]),
    ),
    examples: (raw.examples as any[]).map((e) => ({ ...e, hex: stripHexComments(e.hex) })),
  };
}

function checkStruct(storage: StorageSpec, s: StorageStruct, at: (path: string, message: string) => void): void {
  const base = `/storage/structs/${s.name}`;
  const errorNames = new Set(storage.errors.codes.map((c) => c.name));
  const byName = new Map(s.fields.map((f) => [f.name, f]));
  if (byName.size !== s.fields.length) at(`${base}/fields`, 'two fields share a name');
  const fixed = s.fields.filter((f) => f.size !== undefined);
  const fixedSize = fixed.reduce((n, f) => n + f.size!, 0);
  if (fixedSize !== s.size) at(`${base}/size`, `the fixed fields add up to ${fixedSize} bytes, not ${s.size}`);
  const variable = s.fields.findIndex((f) => f.type === 'bytes');
  if (variable !== -1 && variable !== s.fields.length - 1)
    at(`${base}/fields/${variable}`, 'only the last field may be bytes');
  s.fields.forEach((f, i) => {
    const path = `${base}/fields/${i}`;
    if (f.error && !errorNames.has(f.error)) at(`${path}/error`, `no storage error named "${f.error}"`);
    if (f.const !== undefined && f.const >= 2 ** (8 * (f.size ?? 0))) at(`${path}/const`, `does not fit ${f.type}`);
    if (f.ascii !== undefined) {
      const text =
        f.const === undefined
          ? ''
          : Buffer.from(f.const.toString(16).padStart(2 * (f.size ?? 0), '0'), 'hex').toString('latin1');
      if (text !== f.ascii) at(`${path}/ascii`, `is not the const ${f.const} as ASCII ("${text}")`);
    }
    if (f.max && !storage.limits[f.max]) at(`${path}/max`, `no storage limit named "${f.max}"`);
    if (f.size_from) {
      const length = byName.get(f.size_from);
      if (length?.type !== 'u32') at(`${path}/size_from`, `"${f.size_from}" is not a u32 field of ${s.name}`);
    }
    for (const key of ['matches', 'sequence'] as const) {
      const target = f[key];
      if (!target) continue;
      const [struct, field] = target.split('.');
      if (!storage.structs[struct]?.fields.some((x) => x.name === field)) at(`${path}/${key}`, `no field ${target}`);
    }
    for (const part of f.crc?.covers ?? []) {
      if ('field' in part) {
        if (byName.get(part.field)?.type !== 'bytes')
          at(`${path}/crc`, `"${part.field}" is not a bytes field of ${s.name}`);
      } else if (part.from >= part.to || part.to > f.at) {
        at(`${path}/crc`, `bytes ${part.from}..${part.to} are not a range before the field (at ${f.at})`);
      }
    }
  });
  s.checks.forEach((name, i) => {
    const f = byName.get(name);
    for (const part of f?.crc?.covers ?? []) {
      if ('field' in part && !s.checks.slice(0, i).includes(part.field))
        at(`${base}/checks/${i}`, `${name} covers ${part.field}, which must be checked (read) before it`);
    }
    if (!f) at(`${base}/checks/${i}`, `no field named "${name}"`);
    else if (!f.error && f.type !== 'bytes') at(`${base}/checks/${i}`, `"${name}" has no rule to check`);
  });
  for (const f of s.fields) {
    if (f.error && !s.checks.includes(f.name)) at(`${base}/checks`, `does not check ${f.name}`);
  }
}

/** Problems of the storage section, with JSON pointers into the merged document. */
export function checkStorage(storage: StorageSpec): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const at = (path: string, message: string) => problems.push({ file: FILE, path, message });
  for (const s of Object.values(storage.structs)) checkStruct(storage, s, at);
  for (const file of Object.values(storage.files)) {
    for (const key of ['header', 'body'] as const) {
      if (!storage.structs[file[key]]) at(`/storage/files/${file.name}/${key}`, `no struct named "${file[key]}"`);
    }
  }
  const names = new Set<string>();
  storage.errors.codes.forEach((c, i) => {
    if (names.has(c.name)) at(`/storage/errors/codes/${i}/name`, `duplicate name "${c.name}"`);
    names.add(c.name);
  });
  const examples = new Set<string>();
  storage.examples.forEach((ex, i) => {
    if (examples.has(ex.name)) at(`/storage/examples/${i}/name`, `duplicate name "${ex.name}"`);
    examples.add(ex.name);
    if (!storage.structs[ex.struct]) at(`/storage/examples/${i}/struct`, `no struct named "${ex.struct}"`);
    if (!/^([0-9a-f]{2})+$/.test(ex.hex)) at(`/storage/examples/${i}/hex`, 'hex must be pairs of lowercase hex digits');
  });
  return problems;
}
