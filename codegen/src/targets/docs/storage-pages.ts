// storage/*.md: the durable storage format (storage.yaml) — an overview with naming, checksum,
// limits, errors and recovery, and a page per file kind with a byte diagram, field table and
// check order per struct, and upstream's golden bytes annotated field by field. Prose is the
// spec's `doc` fields; everything else is computed from the model.
import type { Spec, StorageField, StorageFile, StorageStruct } from '@felix/spec';
import { interpretStorage } from '@felix/spec/interpreter';
import type { FrameShape, WireField } from './frame-shape.js';
import { anchorTag, code, Page, prose, rowAnchor } from './markdown.js';
import { PAGE } from './page-paths.js';

const hex8 = (n: number) => `0x${n.toString(16).toUpperCase().padStart(8, '0')}`;

function structShape(s: StorageStruct): FrameShape {
  const fields: WireField[] = s.fields.map((f) => ({
    name: f.name,
    size: f.size ?? null,
    kind: f.type === 'bytes' ? 'bytes' : f.type,
    ...(f.ascii ? { value: `"${f.ascii}"` } : f.const !== undefined ? { value: String(f.const) } : {}),
  }));
  return { title: s.name, header: [], payload: fields };
}

function ruleText(spec: Spec, p: Page, f: StorageField): string {
  const parts: string[] = [];
  if (f.const !== undefined) parts.push(`must be ${f.ascii ? `${code(hex8(f.const))} ("${f.ascii}")` : code(f.const)}`);
  if (f.crc) {
    const covers = f.crc.covers.map((c) => ('field' in c ? code(c.field) : `bytes ${code(`${c.from}..${c.to}`)}`));
    parts.push(`CRC-32 of ${covers.join(' then ')}`);
  }
  if (f.max) parts.push(`at most ${code(spec.storage.limits[f.max].value)} (${code(f.max)})`);
  if (f.min !== undefined) parts.push(`at least ${code(f.min)}`);
  if (f.sequence) parts.push(`${code(f.sequence)} for the first, then the previous one's plus 1`);
  if (f.ascending) parts.push("above the previous entry's");
  if (f.matches) parts.push(`equals ${code(f.matches)}`);
  if (f.size_from) parts.push(`${code(f.size_from)} bytes`);
  if (f.reserved) parts.push('written as 0, not checked');
  const rule = parts.join('; ') || '—';
  return f.error ? `${rule} → ${p.link(code(f.error), PAGE.storage, rowAnchor('storage-error', f.error))}` : rule;
}

function structSection(spec: Spec, p: Page, s: StorageStruct): void {
  p.heading(2, `${code(s.name)} (${s.size} bytes${s.fields.some((f) => f.type === 'bytes') ? ' + payload' : ''})`);
  p.para(prose(s.doc));
  p.frame(structShape(s), `byte-diagram-${s.name.replace(/_/g, '-')}`);
  p.table(
    ['Offset', 'Size', 'Field', 'Type', 'Rule', 'Origin', 'Description'],
    s.fields.map((f) => [
      code(f.at),
      f.size === undefined ? code(f.size_from!) : code(f.size),
      `${anchorTag(rowAnchor(s.name, f.name))}${code(f.name)}`,
      code(f.type),
      ruleText(spec, p, f),
      code(f.origin),
      prose(f.doc),
    ]),
  );
  const order = [`the ${s.size} bytes of the fixed part are there (else ${code('truncated')})`];
  for (const name of s.checks) {
    const f = s.fields.find((x) => x.name === name)!;
    order.push(
      f.type === 'bytes'
        ? `the ${code(f.size_from!)} bytes of ${code(f.name)} are there (else ${code('truncated')})`
        : `${code(f.name)} (${code(f.error!)})`,
    );
  }
  p.para(`A decoder checks, in this order: ${order.map((o, i) => `${i + 1}. ${o}`).join('; ')}.`);
}

function annotatedExample(spec: Spec, p: Page, name: string): void {
  const ex = spec.storage.examples.find((e) => e.name === name)!;
  const s = spec.storage.structs[ex.struct];
  const bytes = Buffer.from(ex.hex, 'hex');
  interpretStorage(spec, ex.struct, bytes);
  p.heading(3, code(ex.name));
  p.para(`${prose(ex.doc)} Origin ${code(ex.origin)}; a conformance vector of every decoder.`);
  const lines = s.fields.map((f) => {
    const size = f.size ?? bytes.length - f.at;
    const chunk = bytes.subarray(f.at, f.at + size);
    const value =
      f.type === 'bytes' ? JSON.stringify(chunk.toString('utf8')) : BigInt(`0x${chunk.toString('hex')}`).toString();
    return [chunk.toString('hex'), `${f.name} = ${f.crc ? hex8(Number(value)) : value}`] as const;
  });
  const width = Math.max(...lines.map(([h]) => h.length));
  p.fence('text', lines.map(([h, note]) => `${h.padEnd(width)}  # ${note}`).join('\n'));
}

function filePage(spec: Spec, file: StorageFile): Page {
  const p = new Page(PAGE.storageFile(file.name));
  p.heading(1, `${file.name === 'segment' ? 'Segment' : 'Index'} files (${code(`.${file.extension}`)})`);
  p.para(`${p.link(prose(spec.storage.name), PAGE.storage)} › ${file.name} files`);
  p.para(prose(file.doc));
  p.properties([
    [
      'Layout',
      `one ${code(file.header)}, then ${code(file.body)} structs to the end of the file, as ${code(file.items)}`,
    ],
    [
      'A struct cut short at the end',
      file.torn_tail === 'ignored' ? 'ignored (a torn last entry)' : `${code('truncated')}: a torn tail`,
    ],
    ['Origin', code(file.origin)],
  ]);
  for (const name of [file.header, file.body]) structSection(spec, p, spec.storage.structs[name]);
  const examples = spec.storage.examples.filter((e) => e.struct === file.header || e.struct === file.body);
  if (examples.length) {
    p.heading(2, 'Golden bytes');
    for (const ex of examples) annotatedExample(spec, p, ex.name);
  }
  return p;
}

function overviewPage(spec: Spec): Page {
  const st = spec.storage;
  const p = new Page(PAGE.storage);
  p.heading(1, prose(st.name));
  p.para(prose(st.doc));
  p.properties([
    ['Format version', code(st.format_version)],
    ['Spec revision', code(st.spec_revision)],
    ['Byte order', 'big-endian'],
    ['Upstream', `${prose(st.upstream.project)}: ${prose(st.upstream.reference)}`],
    [
      'Files',
      Object.values(st.files)
        .map((f) => p.link(`${f.name} (${code(`.${f.extension}`)})`, PAGE.storageFile(f.name)))
        .join(', '),
    ],
  ]);
  p.heading(2, 'Compatibility');
  p.para(prose(st.upstream.compatibility));
  p.heading(2, 'Names on disk');
  p.para(prose(st.naming.doc));
  p.para(prose(st.naming.shard_directory.doc));
  p.table(
    ['Tenant', 'Namespace', 'Stream', 'Shard', 'Directory'],
    st.naming.shard_directory.examples.map((e) => [
      code(e.tenant),
      code(e.namespace),
      code(e.stream),
      code(e.shard),
      code(e.directory),
    ]),
  );
  p.heading(2, 'Checksum');
  p.para(prose(st.checksum.doc));
  p.properties([
    ['Algorithm', st.checksum.name],
    ['Polynomial', code(hex8(st.checksum.polynomial))],
    ['Reflected', st.checksum.reflected ? 'yes' : 'no'],
    ['Initial value', code(hex8(st.checksum.init))],
    ['Final XOR', code(hex8(st.checksum.xor_out))],
    ['CRC of "123456789"', code(hex8(st.checksum.check))],
  ]);
  p.heading(2, 'Limits and defaults');
  p.table(
    ['Name', 'Value', 'Kind', 'Origin', 'Description'],
    [
      ...Object.entries(st.limits).map(([n, l]) => [code(n), code(l.value), 'limit', code(l.origin), prose(l.doc)]),
      ...Object.entries(st.defaults).map(([n, l]) => [
        code(n),
        code(l.value),
        'writer default',
        code(l.origin),
        prose(l.doc),
      ]),
    ],
  );
  p.heading(2, 'Errors');
  p.para(prose(st.errors.doc));
  p.table(
    ['Code', 'Recovery', 'Origin', 'Description'],
    st.errors.codes.map((c) => [
      `${anchorTag(rowAnchor('storage-error', c.name))}${code(c.name)}`,
      code(c.recovery),
      code(c.origin),
      prose(c.doc),
    ]),
  );
  p.heading(2, 'Recovery');
  p.list(st.errors.recovery.map(prose));
  return p;
}

export function storagePages(spec: Spec): Page[] {
  return [overviewPage(spec), ...Object.values(spec.storage.files).map((f) => filePage(spec, f))];
}
