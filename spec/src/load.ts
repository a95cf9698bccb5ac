// Reads the spec files, checks them against spec.schema.json and against the cross-references
// the schema cannot express, and returns the normalised model. Every problem is reported with
// the file, the path inside it and the line, so a bad edit is easy to find.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject } from 'ajv';
import { type Document, LineCounter, parseDocument } from 'yaml';
import type { BinaryField, JsonField, LayoutSpec, MessageSpec, Spec } from './model.js';
import { checkStorage, normaliseStorage } from './storage-load.js';

export const SPEC_FILES = ['protocol.yaml', 'messages.yaml', 'layouts.yaml', 'examples.yaml', 'storage.yaml'] as const;
export const DEFAULT_SPEC_DIR = fileURLToPath(new URL('..', import.meta.url));

export interface SpecProblem {
  file: string;
  path: string;
  line?: number;
  message: string;
}

export class SpecError extends Error {
  constructor(readonly problems: SpecProblem[]) {
    super(
      `the spec has ${problems.length} problem(s):\n${problems
        .map((p) => `  ${p.file}${p.line ? `:${p.line}` : ''} at ${p.path || '/'}: ${p.message}`)
        .join('\n')}`,
    );
    this.name = 'SpecError';
  }
}

interface SourceFile {
  name: string;
  doc: Document;
  lines: LineCounter;
}

function parseFiles(dir: string): { merged: Record<string, unknown>; owner: Map<string, SourceFile> } {
  const merged: Record<string, unknown> = {};
  const owner = new Map<string, SourceFile>();
  const problems: SpecProblem[] = [];
  for (const name of SPEC_FILES) {
    const lines = new LineCounter();
    const text = readFileSync(join(dir, name), 'utf8');
    const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
    for (const err of doc.errors) {
      problems.push({ file: name, path: '', line: err.linePos?.[0].line, message: err.message });
    }
    const value = doc.toJS({ maxAliasCount: 0 }) as unknown;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      problems.push({ file: name, path: '', message: 'the file must be a mapping of top-level sections' });
      continue;
    }
    for (const [key, section] of Object.entries(value)) {
      const previous = owner.get(key);
      if (previous) {
        problems.push({ file: name, path: `/${key}`, message: `section also defined in ${previous.name}` });
      }
      owner.set(key, { name, doc, lines });
      merged[key] = section;
    }
  }
  if (problems.length) throw new SpecError(problems);
  return { merged, owner };
}

function locate(owner: Map<string, SourceFile>, pointer: string): { file: string; line?: number } {
  const segments = pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const source = owner.get(segments[0] ?? '');
  if (!source) return { file: 'spec' };
  const path = segments.map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  // Walk down to the deepest node that exists so a missing key points at its parent.
  for (let depth = path.length; depth > 0; depth--) {
    const node = source.doc.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) {
      return { file: source.name, line: source.lines.linePos(node.range[0]).line };
    }
  }
  return { file: source.name };
}

function describeAjvError(e: ErrorObject): string {
  switch (e.keyword) {
    case 'additionalProperties':
      return `unknown key "${(e.params as { additionalProperty: string }).additionalProperty}"`;
    case 'required':
      return `missing required key "${(e.params as { missingProperty: string }).missingProperty}"`;
    case 'enum':
      return `must be one of ${JSON.stringify((e.params as { allowedValues: unknown[] }).allowedValues)}`;
    default:
      return e.message ?? e.keyword;
  }
}

/** Checks what the schema cannot: names that must refer to each other. */
function crossCheck(spec: Spec): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const at = (file: string, path: string, message: string) => problems.push({ file, path, message });
  const flagByName = new Map(spec.flags.map((f) => [f.name, f]));
  const featureNames = new Set(spec.capabilities.features.map((f) => f.name));
  const errorNames = new Set(spec.errors.codes.map((c) => c.name));

  const seenBits = new Map<number, string>();
  spec.flags.forEach((flag, i) => {
    const other = seenBits.get(flag.bit);
    if (other) at('protocol.yaml', `/flags/${i}/bit`, `bit 0x${flag.bit.toString(16)} already used by ${other}`);
    seenBits.set(flag.bit, flag.name);
    if (flag.role === 'layout' && !spec.layouts.some((l) => l.name === flag.layout)) {
      at('protocol.yaml', `/flags/${i}/layout`, `no layout named "${flag.layout}" in layouts.yaml`);
    }
    for (const target of flag.modifies ?? []) {
      if (flagByName.get(target)?.role !== 'layout') {
        at('protocol.yaml', `/flags/${i}/modifies`, `"${target}" is not a layout flag`);
      }
    }
  });
  const originalMask = spec.flags.filter((f) => f.original_v1).reduce((m, f) => m | f.bit, 0);
  if (originalMask !== spec.capabilities.original_v1_flags) {
    at(
      'protocol.yaml',
      '/capabilities/original_v1_flags',
      `must equal the OR of flags marked original_v1 (0x${originalMask.toString(16)})`,
    );
  }
  const names = (list: { name: string }[], file: string, path: string) => {
    const seen = new Set<string>();
    list.forEach((item, i) => {
      if (seen.has(item.name)) at(file, `${path}/${i}/name`, `duplicate name "${item.name}"`);
      seen.add(item.name);
    });
  };
  names(spec.flags, 'protocol.yaml', '/flags');
  names(spec.capabilities.features, 'protocol.yaml', '/capabilities/features');
  names(spec.errors.codes, 'protocol.yaml', '/errors/codes');
  names(spec.close_codes.codes, 'protocol.yaml', '/close_codes/codes');
  names(spec.examples, 'examples.yaml', '/examples');
  const numbers = new Set<number>();
  spec.errors.codes.forEach((c, i) => {
    if (numbers.has(c.number)) at('protocol.yaml', `/errors/codes/${i}/number`, `number ${c.number} reused`);
    numbers.add(c.number);
  });
  const closeValues = new Set<number>();
  spec.close_codes.codes.forEach((c, i) => {
    if (closeValues.has(c.value)) at('protocol.yaml', `/close_codes/codes/${i}/value`, `value ${c.value} reused`);
    closeValues.add(c.value);
  });
  spec.frame.header.forEach((h, i) => {
    if (h.error && !errorNames.has(h.error))
      at('protocol.yaml', `/frame/header/${i}/error`, `unknown error code "${h.error}"`);
  });
  for (const e of Object.values(spec.enums)) {
    e.values.forEach((v, i) => {
      if (e.encoding === 'u8' && v.value === undefined) {
        at('protocol.yaml', `/enums/${e.name}/values/${i}`, 'a u8 enum value needs a numeric `value`');
      }
      if (v.requires_feature && !featureNames.has(v.requires_feature)) {
        at(
          'protocol.yaml',
          `/enums/${e.name}/values/${i}/requires_feature`,
          `no feature named "${v.requires_feature}"`,
        );
      }
    });
  }

  for (const f of Object.values(spec.formats)) {
    const base = `/formats/${f.name}`;
    if (!spec.limits[f.limit]) at('protocol.yaml', `${base}/limit`, `no limit named "${f.limit}"`);
    if (!spec.errors.codes.some((c) => c.name === f.error && c.codec))
      at('protocol.yaml', `${base}/error`, `"${f.error}" is not a codec error code`);
    for (const key of ['forbidden', 'not_only'] as const) {
      f[key].forEach((r, i) => {
        if (r.from > r.to) at('protocol.yaml', `${base}/${key}/${i}`, `from 0x${r.from.toString(16)} is above to`);
      });
    }
    // A value may start with not_only code points, so none of them may be forbidden.
    f.not_only.forEach((r, i) => {
      if (f.forbidden.some((x) => x.from <= r.to && r.from <= x.to))
        at('protocol.yaml', `${base}/not_only/${i}`, 'overlaps a forbidden range');
    });
  }
  const checkFormat = (file: string, field: { format?: string; limit?: string }, path: string, type: string) => {
    if (!field.format) return;
    const format = spec.formats[field.format];
    if (!format) at(file, `${path}/format`, `no format named "${field.format}"`);
    else if (field.limit !== format.limit)
      at(file, `${path}/limit`, `a field of format ${format.name} has its limit, ${format.limit}`);
    if (type !== 'string' && type !== 'str16') at(file, `${path}/format`, 'only a string field has a format');
  };

  const allTypes = new Set([...spec.messages.map((m) => m.name), ...spec.layouts.map((l) => l.name)]);
  const checkJsonField = (field: JsonField, path: string) => {
    if (field.limit && !spec.limits[field.limit])
      at('messages.yaml', `${path}/limit`, `no limit named "${field.limit}"`);
    checkFormat('messages.yaml', field, path, field.type);
    if (field.enum) {
      const e = spec.enums[field.enum];
      if (!e) at('messages.yaml', `${path}/enum`, `no enum named "${field.enum}"`);
      else if (e.encoding !== 'json_string')
        at('messages.yaml', `${path}/enum`, `enum "${field.enum}" is not a JSON string enum`);
    }
    if (field.requires_feature && !featureNames.has(field.requires_feature)) {
      at('messages.yaml', `${path}/requires_feature`, `no feature named "${field.requires_feature}"`);
    }
    field.fields?.forEach((f, i) => {
      checkJsonField(f, `${path}/fields/${i}`);
    });
    field.variants?.forEach((f, i) => {
      checkJsonField(f, `${path}/variants/${i}`);
    });
  };
  for (const m of spec.messages) {
    const base = `/messages/${m.name}`;
    m.fields.forEach((f, i) => {
      checkJsonField(f, `${base}/fields/${i}`);
    });
    if (m.fields.some((f) => f.name === 'type')) at('messages.yaml', base, '"type" is reserved for the discriminator');
    for (const r of m.responses)
      if (!allTypes.has(r)) at('messages.yaml', `${base}/responses`, `unknown response "${r}"`);
    if (m.requires_feature && !featureNames.has(m.requires_feature)) {
      at('messages.yaml', `${base}/requires_feature`, `no feature named "${m.requires_feature}"`);
    }
  }
  for (const l of spec.layouts) {
    const base = `/layouts/${l.name}`;
    const flag = flagByName.get(l.flag);
    if (flag?.role !== 'layout' || flag.layout !== l.name) {
      at('layouts.yaml', `${base}/flag`, `"${l.flag}" is not a layout flag that selects ${l.name}`);
    }
    for (const r of l.responses)
      if (!allTypes.has(r)) at('layouts.yaml', `${base}/responses`, `unknown response "${r}"`);
    l.fields.forEach((f: BinaryField, i) => {
      const path = `${base}/fields/${i}`;
      if (f.limit && !spec.limits[f.limit]) at('layouts.yaml', `${path}/limit`, `no limit named "${f.limit}"`);
      checkFormat('layouts.yaml', f, path, f.type);
      if (f.enum) {
        const e = spec.enums[f.enum];
        if (!e) at('layouts.yaml', `${path}/enum`, `no enum named "${f.enum}"`);
        else if (e.encoding !== 'u8' || f.type !== 'u8')
          at('layouts.yaml', `${path}/enum`, 'a binary enum must be a u8 enum on a u8 field');
      }
      if (f.when) {
        const mod = flagByName.get(f.when);
        if (mod?.role !== 'modifier' || !mod.modifies?.includes(l.flag)) {
          at('layouts.yaml', `${path}/when`, `"${f.when}" is not a modifier of ${l.flag}`);
        }
      }
      for (const [name, value] of Object.entries(f.empty_when ?? {})) {
        const guard = l.fields.slice(0, i).find((g) => g.name === name);
        if (f.type !== 'str16' && f.type !== 'bytes32')
          at('layouts.yaml', `${path}/empty_when`, 'only a str16 or a bytes32 can be written empty');
        if (!guard?.enum || !spec.enums[guard.enum]?.values.some((v) => v.name === value))
          at('layouts.yaml', `${path}/empty_when`, `"${name}" is no earlier enum field with a value "${value}"`);
      }
    });
  }
  spec.examples.forEach((ex, i) => {
    if (!allTypes.has(String(ex.value.type)))
      at('examples.yaml', `/examples/${i}/value/type`, `unknown type "${String(ex.value.type)}"`);
    if (!/^([0-9a-f]{2})+$/.test(ex.hex))
      at('examples.yaml', `/examples/${i}/hex`, 'hex must be pairs of lowercase hex digits');
  });
  problems.push(...checkStorage(spec.storage));
  return problems;
}

type Formats = Record<string, { limit: string }>;

/** A field of a format takes the format's limit unless it names one (which crossCheck compares). */
function formatLimit(raw: Record<string, unknown>, formats: Formats): { limit?: string } {
  const limit = (raw.limit as string | undefined) ?? formats[raw.format as string]?.limit;
  return limit === undefined ? {} : { limit };
}

function normaliseJsonField(raw: Record<string, unknown>, inheritedOrigin: string, formats: Formats): JsonField {
  const origin = (raw.origin as string | undefined) ?? inheritedOrigin;
  const nested = (list: unknown) =>
    (list as Record<string, unknown>[] | undefined)?.map((f) => normaliseJsonField(f, origin, formats));
  return {
    ...(raw as unknown as JsonField),
    ...formatLimit(raw, formats),
    presence: (raw.presence as JsonField['presence'] | undefined) ?? 'required',
    origin: origin as JsonField['origin'],
    fields: nested(raw.fields),
    variants: nested(raw.variants),
  };
}

function stripHexComments(hex: string): string {
  return hex
    .split('\n')
    .map((line) => line.replace(/#.*$/, ''))
    .join('')
    .replace(/\s+/g, '');
}

function normalise(raw: Record<string, any>): Spec {
  const flags = raw.flags as Spec['flags'];
  const formats = Object.fromEntries(
    Object.entries((raw.formats ?? {}) as Record<string, any>).map(([name, f]) => [name, { ...f, name }]),
  ) as Spec['formats'];
  const messages: MessageSpec[] = Object.entries(raw.messages as Record<string, any>).map(([name, m]) => ({
    ...m,
    name,
    responses: m.responses ?? [],
    fields: (m.fields as Record<string, unknown>[]).map((f) => normaliseJsonField(f, m.origin, formats)),
  }));
  const layouts: LayoutSpec[] = Object.entries(raw.layouts as Record<string, any>).map(([name, l]) => ({
    ...l,
    name,
    responses: l.responses ?? [],
    fields: (l.fields as Record<string, unknown>[]).map((f) => ({ ...f, ...formatLimit(f, formats) })),
    flagBit: flags.find((f) => f.name === l.flag)?.bit ?? 0,
    modifiers: flags.filter((f) => f.role === 'modifier' && f.modifies?.includes(l.flag)).sort((a, b) => a.bit - b.bit),
  }));
  const enums = Object.fromEntries(
    Object.entries(raw.enums as Record<string, any>).map(([name, e]) => [name, { ...e, name }]),
  );
  return {
    ...(raw as Spec),
    formats,
    errors: { ...raw.errors, codes: raw.errors.codes.map((c: any) => ({ ...c, codec: c.codec ?? false })) },
    enums,
    messages,
    layouts,
    examples: (raw.examples as any[]).map((e) => ({ ...e, hex: stripHexComments(e.hex) })),
    storage: normaliseStorage(raw.storage),
  };
}

/** Loads and validates the spec in `dir` (the spec package by default). Throws SpecError. */
export function loadSpec(dir: string = DEFAULT_SPEC_DIR): Spec {
  const { merged, owner } = parseFiles(dir);
  const schema = JSON.parse(readFileSync(join(dir, 'spec.schema.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  const validate = ajv.compile(schema);
  if (!validate(merged)) {
    const problems = (validate.errors ?? [])
      .filter((e) => e.keyword !== 'if')
      .map((e) => {
        const where = locate(owner, e.instancePath);
        return { file: where.file, line: where.line, path: e.instancePath, message: describeAjvError(e) };
      });
    throw new SpecError(problems);
  }
  const spec = normalise(merged);
  const problems = crossCheck(spec).map((p) => ({ ...p, line: locate(owner, p.path).line }));
  if (problems.length) throw new SpecError(problems);
  return spec;
}
