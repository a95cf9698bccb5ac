// The protocol reference (docs-site/protocol) as Markdown pages. Every sentence of prose is a
// `doc` field of the spec; everything else (tables, offsets, flag combinations, cross-links,
// sample JSON, the annotated hex of the worked examples) is computed from the model, so the
// pages change exactly when the spec does and CI can regenerate and diff them.
import { posix } from 'node:path';
import type {
  BinaryField,
  Direction,
  ExampleSpec,
  FlagSpec,
  JsonField,
  LayoutSpec,
  MessageSpec,
  Spec,
  StreamKind,
} from '@felix/spec';
import { type FlagCombination, flagCombinations, interpretEncode } from '@felix/spec/interpreter';
import { type GeneratedFile, jsonText, notice, type Target } from '../target.js';
import { positiveSamples } from '../vectors/samples.js';
import {
  annotatedHex,
  byteDiagram,
  constNumber,
  FIXED_SIZE,
  type FrameShape,
  flagNames,
  genericShape,
  headerSize,
  hex4,
  layoutCombinations,
  layoutShape,
  messageShape,
  PREFIX_SIZE,
  presentIn,
  rfcNotation,
} from './docs-wire.js';

const ROOT = 'docs-site/protocol';

const PAGE = {
  index: 'index.md',
  framing: 'framing.md',
  flags: 'flags.md',
  streams: 'streams.md',
  enums: 'enums.md',
  errors: 'errors.md',
  examples: 'examples.md',
  compatibility: 'compatibility.md',
  message: (name: string) => `messages/${name}.md`,
  layout: (name: string) => `layouts/${name}.md`,
} as const;

// ---- Markdown primitives ----

/** GitHub's heading slug, so links to headings work on GitHub and on most static site tools. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** Anchors on table rows: headings for each of dozens of rows would drown the content. */
const rowAnchor = (kind: string, name: string) => `${kind}-${name.toLowerCase()}`;
const anchorTag = (id: string) => `<a id="${id}"></a>`;

const code = (s: string | number) => `\`${s}\``;

/**
 * Spec prose is written as Markdown-ish text (backticks for names). Outside code spans, escape
 * what would otherwise turn into HTML, links or emphasis; inside them nothing is interpreted.
 */
function prose(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part, i) => {
      if (i % 2 === 1) return part;
      return part
        .replace(/\\/g, '\\\\')
        .replace(/([*<>[\]])/g, '\\$1')
        .replace(/(^|[^\p{L}\p{N}])_|_(?=[^\p{L}\p{N}]|$)/gu, (m) => m.replace('_', '\\_'));
    })
    .join('');
}

/** A table cell: one line, pipes escaped (GFM splits cells on them even inside code spans). */
const cell = (s: string) => s.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');

class Page {
  private readonly blocks: string[] = [];
  constructor(readonly path: string) {}

  /** Relative link target from this page to `to` (a page path), optionally to an anchor. */
  href(to: string, anchor?: string): string {
    if (to === this.path) return `#${anchor ?? ''}`;
    const rel = posix.relative(posix.dirname(this.path), to);
    return anchor ? `${rel}#${anchor}` : rel;
  }

  link(text: string, to: string, anchor?: string): string {
    return `[${text}](${this.href(to, anchor)})`;
  }

  heading(level: number, text: string): this {
    this.blocks.push(`${'#'.repeat(level)} ${text}`);
    return this;
  }

  para(text: string): this {
    if (text.trim()) this.blocks.push(text.trim());
    return this;
  }

  list(items: string[]): this {
    if (items.length) this.blocks.push(items.map((i) => `- ${i}`).join('\n'));
    return this;
  }

  table(header: string[], rows: string[][]): this {
    const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
    for (const r of rows) {
      if (r.length !== header.length) throw new Error(`${this.path}: table row has ${r.length} cells`);
    }
    this.blocks.push([line(header), `| ${header.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n'));
    return this;
  }

  /** Two-column property table without a meaningful header row. */
  properties(rows: [string, string][]): this {
    return this.table(['Property', 'Value'], rows);
  }

  /** A raw HTML block: one paragraph of markup with no blank line inside. */
  html(markup: string): this {
    if (/\n\s*\n/.test(markup)) throw new Error(`${this.path}: an HTML block must not contain a blank line`);
    this.blocks.push(markup);
    return this;
  }

  /** A frame's byte diagram and the same frame in RFC 9000 notation. */
  frame(shape: FrameShape, id: string): this {
    this.html(byteDiagram(shape, id));
    return this.fence('text', rfcNotation(shape));
  }

  fence(lang: string, text: string): this {
    const body = text.replace(/\n+$/, '');
    const ticks = body.includes('```') ? '````' : '```';
    this.blocks.push(`${ticks}${lang}\n${body}\n${ticks}`);
    return this;
  }

  file(): GeneratedFile {
    return { path: `${ROOT}/${this.path}`, contents: `${notice('md')}\n${this.blocks.join('\n\n')}\n` };
  }
}

// ---- Derived facts shared by several pages ----

const directionLabel: Record<Direction, string> = {
  client_to_server: 'client → server',
  server_to_client: 'server → client',
  both: 'both ways',
};

type Entry = { kind: 'message'; spec: MessageSpec } | { kind: 'layout'; spec: LayoutSpec };

function entries(spec: Spec): Entry[] {
  return [
    ...spec.messages.map((m) => ({ kind: 'message', spec: m }) as Entry),
    ...spec.layouts.map((l) => ({ kind: 'layout', spec: l }) as Entry),
  ];
}

function pageOf(spec: Spec, name: string): string {
  return spec.layouts.some((l) => l.name === name) ? PAGE.layout(name) : PAGE.message(name);
}

function typeLink(page: Page, spec: Spec, name: string): string {
  return page.link(code(name), pageOf(spec, name));
}

function flagLink(page: Page, name: string): string {
  return page.link(code(name), PAGE.flags, rowAnchor('flag', name));
}

function featureLink(page: Page, name: string): string {
  return page.link(code(name), PAGE.flags, rowAnchor('feature', name));
}

function limitLink(page: Page, name: string): string {
  return page.link(code(name), PAGE.framing, rowAnchor('limit', name));
}

function enumLink(page: Page, name: string): string {
  return page.link(code(name), PAGE.enums, slug(name));
}

function errorLink(page: Page, name: string): string {
  return page.link(code(name), PAGE.errors, rowAnchor('error', name));
}

function streamLinks(page: Page, streams: StreamKind[]): string {
  return streams.map((s) => page.link(s, PAGE.streams, slug(s))).join(', ');
}

/** Which messages/layouts list `name` among their responses. */
function answering(spec: Spec, name: string): string[] {
  return entries(spec)
    .filter((e) => e.spec.responses.includes(name))
    .map((e) => e.spec.name);
}

function examplesOf(spec: Spec, name: string): ExampleSpec[] {
  return spec.examples.filter((e) => e.value.type === name);
}

/** Every JSON field reachable from a message, with its dotted path. */
function walkJson(fields: JsonField[], prefix: string, visit: (f: JsonField, path: string) => void): void {
  for (const f of fields) {
    const path = `${prefix}${f.name}`;
    visit(f, path);
    if (f.fields) walkJson(f.fields, `${path}.`, visit);
    for (const v of f.variants ?? []) if (v.fields) walkJson(v.fields, `${path}.`, visit);
  }
}

/** Pages that use a limit / enum / feature, in spec order, each once. */
function users(spec: Spec, uses: (f: JsonField | BinaryField) => boolean): string[] {
  const out: string[] = [];
  for (const m of spec.messages) {
    let hit = false;
    walkJson(m.fields, '', (f) => {
      if (uses(f)) hit = true;
      for (const v of f.variants ?? []) if (uses(v)) hit = true;
    });
    if (hit) out.push(m.name);
  }
  for (const l of spec.layouts) if (l.fields.some(uses)) out.push(l.name);
  return out;
}

function limitText(page: Page, spec: Spec, limit: string | undefined, unit: string): string {
  if (!limit) return '—';
  return `${limitLink(page, limit)} (${spec.limits[limit].value} ${unit})`;
}

// ---- Sample JSON for the message pages ----

/**
 * Sample values come from the field types alone: strings are the field's own name, bytes the
 * base64 of that name, integers count up in field order, enums take their first value. That
 * keeps samples deterministic, valid (within limits) and free of hand-written per-message data.
 */
function sampleJson(spec: Spec, fields: JsonField[], variant: number, counter: { n: number }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f.name] = sampleField(spec, f, f.name, variant, counter);
  return out;
}

function sampleScalar(type: string, name: string, limitBytes: number | undefined, counter: { n: number }): unknown {
  switch (type) {
    case 'string':
      return limitBytes === undefined ? name : name.slice(0, limitBytes);
    case 'bytes':
      return Buffer.from(name, 'utf8').toString('base64');
    case 'bool':
      return true;
    default:
      return counter.n++;
  }
}

function sampleField(spec: Spec, f: JsonField, name: string, variant: number, counter: { n: number }): unknown {
  const limit = f.limit ? spec.limits[f.limit].value : undefined;
  switch (f.type) {
    case 'enum':
      return spec.enums[f.enum!].values[0].name;
    case 'list':
      return limit === 0 ? [] : [sampleScalar(f.items!, name, undefined, counter)];
    case 'object':
      return sampleJson(spec, f.fields!, variant, counter);
    case 'oneof': {
      const variants = f.variants!;
      return sampleField(spec, variants[Math.min(variant, variants.length - 1)], name, variant, counter);
    }
    default:
      return sampleScalar(f.type, name, limit, counter);
  }
}

function maxVariants(fields: JsonField[]): number {
  let n = 1;
  walkJson(fields, '', (f) => {
    n = Math.max(n, f.variants?.length ?? 1);
  });
  return n;
}

/** One line per oneof variant (all on the first variant when there are none), encoder order. */
export function sampleLines(spec: Spec, m: MessageSpec): string[] {
  return Array.from({ length: maxVariants(m.fields) }, (_, variant) =>
    JSON.stringify({ type: m.name, ...sampleJson(spec, m.fields, variant, { n: 1 }) }),
  );
}

// ---- index.md ----

function indexPage(spec: Spec): Page {
  const p = new Page(PAGE.index);
  p.heading(1, prose(spec.protocol.name));
  p.properties([
    ['Wire version', code(spec.protocol.wire_version)],
    ['Spec revision', code(spec.protocol.spec_revision)],
    ['Upstream', prose(spec.protocol.upstream.project)],
  ]);
  p.para(prose(spec.protocol.doc));
  p.heading(2, 'Upstream compatibility');
  p.para(prose(spec.protocol.upstream.compatibility));
  p.heading(2, 'Contents');
  p.list([
    p.link('Framing', PAGE.framing),
    p.link('Flags and capabilities', PAGE.flags),
    p.link('Compatibility', PAGE.compatibility),
    p.link('Streams', PAGE.streams),
    p.link('Enumerations', PAGE.enums),
    p.link('Error codes', PAGE.errors),
    p.link('Worked examples', PAGE.examples),
    p.link('JSON messages', PAGE.index, slug('JSON messages')),
    p.link('Binary layouts', PAGE.index, slug('Binary layouts')),
  ]);
  p.heading(2, 'JSON messages');
  p.table(
    ['Message', 'Direction', 'Streams', 'Origin', 'Requires feature'],
    spec.messages.map((m) => [
      p.link(code(m.name), PAGE.message(m.name)),
      directionLabel[m.direction],
      streamLinks(p, m.streams),
      code(m.origin),
      m.requires_feature ? featureLink(p, m.requires_feature) : '—',
    ]),
  );
  p.heading(2, 'Binary layouts');
  p.table(
    ['Layout', 'Flag', 'Direction', 'Streams', 'Origin'],
    spec.layouts.map((l) => [
      p.link(code(l.name), PAGE.layout(l.name)),
      `${code(hex4(l.flagBit))} ${flagLink(p, l.flag)}`,
      directionLabel[l.direction],
      streamLinks(p, l.streams),
      code(l.origin),
    ]),
  );
  return p;
}

// ---- framing.md ----

function constText(value: number, size: number): string {
  const bytes = Array.from({ length: size }, (_, i) => (value >>> (8 * (size - 1 - i))) & 0xff);
  const hex = constNumber(value, size);
  const printable = size > 1 && bytes.every((b) => b >= 0x20 && b < 0x7f);
  return printable ? `${code(hex)} (${code(JSON.stringify(String.fromCharCode(...bytes)))})` : code(value);
}

function framingPage(spec: Spec): Page {
  const p = new Page(PAGE.framing);
  p.heading(1, 'Framing');
  p.para(prose(spec.frame.doc));
  p.properties([
    ['Byte order', code(spec.frame.byte_order)],
    ['Header size', `${spec.frame.header_size} bytes`],
  ]);
  p.heading(2, 'Header');
  p.para(
    'Offsets are from the start of the frame, four bytes to a row; below the diagram is the same frame in the field notation of RFC 9000 (section 1.3): a length in bits, `(..)` where it varies, `= value` where it is fixed.',
  );
  p.frame(genericShape(spec), 'byte-diagram-frame');
  let offset = 0;
  const rows = spec.frame.header.map((h) => {
    const size = headerSize(h.type);
    const row = [
      code(offset),
      code(size),
      code(h.name),
      code(h.type),
      h.const !== undefined
        ? constText(h.const, size)
        : h.name === 'flags'
          ? p.link('allowed combinations', PAGE.flags, slug('Allowed flag combinations'))
          : '—',
      h.error ? errorLink(p, h.error) : '—',
      prose(h.doc),
    ];
    offset += size;
    return row;
  });
  p.table(['Offset', 'Size', 'Field', 'Type', 'Value', 'Rejected with', 'Description'], rows);
  p.heading(2, 'Integers, text and bytes');
  for (const [key, text] of Object.entries(spec.integers)) {
    p.heading(3, code(key));
    p.para(prose(text));
  }
  p.heading(2, 'Limits');
  p.table(
    ['Limit', 'Value', 'Description', 'Used by'],
    Object.entries(spec.limits).map(([name, l]) => [
      `${anchorTag(rowAnchor('limit', name))}${code(name)}`,
      code(l.value),
      prose(l.doc),
      users(spec, (f) => f.limit === name)
        .map((u) => typeLink(p, spec, u))
        .join(', ') || '—',
    ]),
  );
  return p;
}

// ---- flags.md ----

function combinationRow(p: Page, spec: Spec, c: FlagCombination): string[] {
  const added = c.layout.fields.filter((f) => f.when && flagNames(spec, c.modifierBits).includes(f.when));
  return [
    code(hex4(c.flags)),
    flagNames(spec, c.flags)
      .map((n) => flagLink(p, n))
      .join(' | '),
    p.link(code(c.layout.name), PAGE.layout(c.layout.name)),
    added.length ? added.map((f) => code(f.name)).join(', ') : '—',
  ];
}

function flagMatrix(p: Page, spec: Spec): void {
  const layouts = spec.flags.filter((f) => f.role === 'layout');
  const modifiers = spec.flags.filter((f) => f.role === 'modifier');
  const allowed = new Set(flagCombinations(spec).map((c) => c.flags));
  const cellFor = (bits: number) => (allowed.has(bits) ? code(hex4(bits)) : errorLink(p, 'invalid_flags'));
  p.table(
    ['Layout flag', 'alone', ...modifiers.map((m) => `+ ${flagLink(p, m.name)}`)],
    layouts.map((l) => [flagLink(p, l.name), cellFor(l.bit), ...modifiers.map((m) => cellFor(l.bit | m.bit))]),
  );
}

function capabilityMatrix(p: Page, spec: Spec): void {
  const v1 = spec.capabilities.original_v1_flags;
  const yes = 'sent';
  const no = 'never sent';
  const flagRows = [...spec.flags]
    .sort((a, b) => a.bit - b.bit)
    .map((f) => [`flag ${flagLink(p, f.name)}`, code(hex4(f.bit)), f.bit & v1 ? yes : no, yes, no]);
  const featureRows = [...spec.capabilities.features]
    .sort((a, b) => a.bit - b.bit)
    .map((f) => [`feature ${featureLink(p, f.name)}`, code(hex4(f.bit)), 'never used', 'used', 'never used']);
  p.table(
    [
      'Capability',
      'Bit',
      'to a peer that advertised nothing (upstream v1)',
      'to a peer that advertised it',
      'to a peer that advertised others but not it',
    ],
    [...flagRows, ...featureRows],
  );
}

function flagsPage(spec: Spec): Page {
  const p = new Page(PAGE.flags);
  p.heading(1, 'Flags and capabilities');
  const flagsHeader = spec.frame.header.find((h) => h.name === 'flags');
  if (flagsHeader) p.para(prose(flagsHeader.doc));
  p.heading(2, 'Flag bits');
  p.table(
    ['Bit', 'Name', 'Role', 'Layout / modifies', 'Origin', 'Original v1', 'Description'],
    [...spec.flags]
      .sort((a, b) => a.bit - b.bit)
      .map((f) => [
        code(hex4(f.bit)),
        `${anchorTag(rowAnchor('flag', f.name))}${code(f.name)}`,
        f.role,
        f.role === 'layout'
          ? p.link(code(f.layout!), PAGE.layout(f.layout!))
          : (f.modifies ?? []).map((m) => flagLink(p, m)).join(', '),
        code(f.origin),
        f.original_v1 ? 'yes' : 'no',
        prose(f.doc),
      ]),
  );
  p.heading(2, 'Allowed flag combinations');
  p.table(
    ['Flags', 'Bits set', 'Payload', 'Fields added by modifiers'],
    [
      [code(hex4(0)), '—', p.link('JSON message', PAGE.index, slug('JSON messages')), '—'],
      ...flagCombinations(spec).map((c) => combinationRow(p, spec, c)),
    ],
  );
  p.heading(2, 'Flag matrix');
  p.para(
    `Each layout flag alone and with each modifier: the flags value where the combination is allowed, ${errorLink(p, 'invalid_flags')} where it is not.`,
  );
  flagMatrix(p, spec);
  p.heading(2, 'Capability negotiation');
  p.para(prose(spec.capabilities.doc));
  p.para(
    `The rules a peer follows are listed under ${p.link('compatibility rules', PAGE.compatibility, slug('Rules'))}.`,
  );
  p.heading(3, 'Capability matrix');
  p.para(
    'Which flags a peer may set on the frames it sends, and which features it may use, by what the other side advertised in `auth` / `auth_ok`.',
  );
  capabilityMatrix(p, spec);
  p.heading(3, 'Original v1 flags');
  const v1 = spec.capabilities.original_v1_flags;
  p.para(
    `${code(hex4(v1))} = ${flagNames(spec, v1)
      .map((n) => flagLink(p, n))
      .join(' | ')}`,
  );
  p.heading(3, 'Features');
  p.table(
    ['Bit', 'Name', 'Origin', 'Description', 'Gates'],
    [...spec.capabilities.features]
      .sort((a, b) => a.bit - b.bit)
      .map((f) => {
        const gated: string[] = [];
        for (const m of spec.messages) {
          if (m.requires_feature === f.name) gated.push(p.link(code(m.name), PAGE.message(m.name)));
          walkJson(m.fields, '', (field, path) => {
            if (field.requires_feature === f.name)
              gated.push(p.link(code(`${m.name}.${path}`), PAGE.message(m.name), rowAnchor('field', path)));
          });
        }
        return [
          code(hex4(f.bit)),
          `${anchorTag(rowAnchor('feature', f.name))}${code(f.name)}`,
          code(f.origin),
          prose(f.doc),
          gated.join(', ') || '—',
        ];
      }),
  );
  return p;
}

// ---- compatibility.md ----

/** Everything whose origin is felix-ts, with where it is described. */
function additions(p: Page, spec: Spec): string[][] {
  const rows: string[][] = [];
  const gate = (feature: string | undefined) => (feature ? featureLink(p, feature) : '—');
  for (const m of spec.messages) {
    if (m.origin === 'felix-ts')
      rows.push(['message', typeLink(p, spec, m.name), gate(m.requires_feature), prose(m.doc)]);
    walkJson(m.fields, '', (f, path) => {
      if (f.origin !== 'felix-ts') return;
      rows.push([
        'field',
        p.link(code(`${m.name}.${path}`), PAGE.message(m.name), rowAnchor('field', path)),
        gate(f.requires_feature ?? m.requires_feature),
        prose(f.doc),
      ]);
    });
  }
  for (const l of spec.layouts)
    if (l.origin === 'felix-ts') rows.push(['layout', typeLink(p, spec, l.name), flagLink(p, l.flag), prose(l.doc)]);
  for (const f of spec.flags)
    if (f.origin === 'felix-ts') rows.push(['flag', flagLink(p, f.name), flagLink(p, f.name), prose(f.doc)]);
  for (const f of spec.capabilities.features)
    if (f.origin === 'felix-ts') rows.push(['feature', featureLink(p, f.name), featureLink(p, f.name), prose(f.doc)]);
  for (const c of spec.errors.codes)
    if (c.origin === 'felix-ts')
      rows.push(['error code', errorLink(p, c.name), featureLink(p, 'ERROR_CODES'), prose(c.doc)]);
  return rows;
}

function compatibilityPage(spec: Spec): Page {
  const p = new Page(PAGE.compatibility);
  p.heading(1, 'Compatibility');
  p.properties([
    ['Upstream', prose(spec.protocol.upstream.project)],
    ['Wire version', code(spec.protocol.wire_version)],
    [
      'Original v1 flags',
      `${code(hex4(spec.capabilities.original_v1_flags))} = ${flagNames(spec, spec.capabilities.original_v1_flags)
        .map((n) => flagLink(p, n))
        .join(' | ')}`,
    ],
  ]);
  p.para(prose(spec.protocol.upstream.compatibility));
  p.heading(2, 'Rules');
  p.list(spec.capabilities.rules.map(prose));
  p.para(
    `${p.link('Capability negotiation', PAGE.flags, slug('Capability negotiation'))} explains the exchange; the ${p.link('capability matrix', PAGE.flags, slug('Capability matrix'))} shows what may be sent to which peer.`,
  );
  p.heading(2, 'What this spec adds to upstream');
  p.para(
    'Everything of origin `felix-ts`. An item with a capability in the third column is sent only to a peer that negotiated it; the others are JSON members, which an upstream decoder ignores.',
  );
  p.table(['Kind', 'Name', 'Needs', 'Description'], additions(p, spec));
  return p;
}

// ---- streams.md ----

function streamsPage(spec: Spec): Page {
  const p = new Page(PAGE.streams);
  p.heading(1, 'Streams');
  p.heading(2, 'Stream kinds');
  for (const k of spec.stream_kinds) {
    p.heading(3, k.name);
    p.properties([
      ['Opened by', k.opened_by],
      ['Direction', k.direction],
    ]);
    p.para(prose(k.doc));
  }
  p.heading(2, 'Carriers');
  p.para(prose(spec.carriers.doc));
  p.table(
    ['Carrier', 'Default port', 'How streams map'],
    spec.carriers.list.map((c) => [code(c.name), String(c.default_port), prose(c.doc)]),
  );
  p.heading(2, 'What travels on which stream');
  const kinds = spec.stream_kinds.map((k) => k.name);
  p.table(
    ['Message or layout', 'Encoding', ...kinds.map(code)],
    entries(spec).map((e) => [
      typeLink(p, spec, e.spec.name),
      e.kind === 'message' ? 'JSON' : `binary ${code(hex4(e.spec.flagBit))}`,
      ...kinds.map((k) => (e.spec.streams.includes(k) ? directionLabel[e.spec.direction] : '—')),
    ]),
  );
  p.heading(2, 'Requests and responses');
  p.table(
    ['Request', 'Streams', 'Responses', 'Correlation'],
    entries(spec)
      .filter((e) => e.spec.responses.length)
      .map((e) => [
        typeLink(p, spec, e.spec.name),
        streamLinks(p, e.spec.streams),
        e.spec.responses.map((r) => typeLink(p, spec, r)).join(', '),
        e.kind === 'message' && e.spec.correlation ? code(e.spec.correlation) : '—',
      ]),
  );
  return p;
}

// ---- messages/<name>.md ----

function jsonTypeText(p: Page, spec: Spec, f: JsonField): string {
  const scalar = (t: string) => {
    switch (t) {
      case 'string':
        return 'string';
      case 'bytes':
        return `string (${p.link('base64', PAGE.framing, slug('bytes_in_json'))})`;
      case 'bool':
        return 'boolean';
      case 'u64':
        return `integer (${p.link(code('u64'), PAGE.framing, slug('json_u64'))})`;
      default:
        return `integer (${code(t)})`;
    }
  };
  switch (f.type) {
    case 'enum':
      return `string (enum ${enumLink(p, f.enum!)})`;
    case 'list':
      return `array of ${scalar(f.items!)}`;
    case 'object':
      return 'object';
    case 'oneof':
      return `one of: ${f.variants!.map((v) => jsonTypeText(p, spec, v)).join(' or ')}`;
    default:
      return scalar(f.type);
  }
}

function jsonLimitUnit(f: JsonField): string {
  return f.type === 'list' ? 'items' : 'bytes';
}

function fieldRows(p: Page, spec: Spec, fields: JsonField[], prefix: string, depth: number): string[][] {
  const indent = '&emsp;'.repeat(depth);
  const rows: string[][] = [];
  for (const f of fields) {
    const path = `${prefix}${f.name}`;
    rows.push([
      `${indent}${anchorTag(rowAnchor('field', path))}${code(path)}`,
      jsonTypeText(p, spec, f),
      f.presence,
      limitText(p, spec, f.limit, jsonLimitUnit(f)),
      code(f.origin),
      f.requires_feature ? featureLink(p, f.requires_feature) : '—',
      prose(f.doc),
    ]);
    if (f.fields) rows.push(...fieldRows(p, spec, f.fields, `${path}.`, depth + 1));
    for (const v of f.variants ?? []) {
      rows.push([
        `${'&emsp;'.repeat(depth + 1)}variant ${code(v.name)}`,
        jsonTypeText(p, spec, v),
        '—',
        limitText(p, spec, v.limit, jsonLimitUnit(v)),
        code(v.origin),
        v.requires_feature ? featureLink(p, v.requires_feature) : '—',
        prose(v.doc),
      ]);
      if (v.fields) rows.push(...fieldRows(p, spec, v.fields, `${path}.`, depth + 2));
    }
  }
  return rows;
}

function relations(p: Page, spec: Spec, name: string, responses: string[]): [string, string][] {
  const answers = answering(spec, name);
  return [
    ['Responses', responses.map((r) => typeLink(p, spec, r)).join(', ') || '—'],
    ['Answers', answers.map((r) => typeLink(p, spec, r)).join(', ') || '—'],
  ];
}

function exampleLinks(p: Page, spec: Spec, name: string): [string, string][] {
  const list = examplesOf(spec, name);
  return list.length
    ? [['Worked examples', list.map((e) => p.link(e.name, PAGE.examples, slug(e.name))).join(', ')]]
    : [];
}

type Sample = ReturnType<typeof positiveSamples>[number];

/** The typical conformance vectors of one message or layout (one per flag combination). */
function typicalVectors(samples: Sample[], kind: 'message' | 'layout', name: string): Sample[] {
  return samples.filter((s) => s.tags.includes(`${kind}:${name}`) && s.tags.includes('boundary:typical'));
}

/** Annotated hex of the typical vectors and of the spec's worked examples of this type. */
function workedExamples(p: Page, spec: Spec, name: string, vectors: Sample[]): void {
  p.heading(2, 'Worked examples');
  for (const v of vectors) {
    p.heading(3, v.name);
    p.para(`Conformance vector ${code(`conformance/vectors/${v.name}.json`)}: ${prose(v.description)}.`);
    p.fence('text', annotatedHex(spec, interpretEncode(spec, v.value), v.name));
  }
  for (const ex of examplesOf(spec, name)) {
    p.heading(3, ex.name);
    p.para(`${prose(ex.doc)} (${p.link('with its value', PAGE.examples, slug(ex.name))})`);
    p.fence('text', annotatedHex(spec, Buffer.from(ex.hex, 'hex'), ex.name));
  }
}

function messagePage(spec: Spec, m: MessageSpec, samples: Sample[]): Page {
  const p = new Page(PAGE.message(m.name));
  p.heading(1, code(m.name));
  p.para(
    `${p.link(prose(spec.protocol.name), PAGE.index)} › ${p.link('JSON messages', PAGE.index, slug('JSON messages'))}`,
  );
  p.para(prose(m.doc));
  p.properties([
    ['Encoding', `JSON, flags ${code(hex4(0))}, ${code(`"type":${JSON.stringify(m.name)}`)}`],
    ['Direction', directionLabel[m.direction]],
    ['Streams', streamLinks(p, m.streams)],
    ['Origin', code(m.origin)],
    ['Requires feature', m.requires_feature ? featureLink(p, m.requires_feature) : '—'],
    ...relations(p, spec, m.name, m.responses),
    ['Correlation', m.correlation ? code(m.correlation) : '—'],
    ...exampleLinks(p, spec, m.name),
  ]);
  p.heading(2, 'Frame');
  p.frame(messageShape(spec, m.name), 'byte-diagram');
  p.heading(2, 'Fields');
  if (m.fields.length) {
    p.table(
      ['Field', 'JSON type', 'Presence', 'Limit', 'Origin', 'Requires feature', 'Description'],
      fieldRows(p, spec, m.fields, '', 0),
    );
  } else {
    p.para('—');
  }
  p.heading(2, 'Example');
  p.fence('json', sampleLines(spec, m).join('\n'));
  workedExamples(p, spec, m.name, typicalVectors(samples, 'message', m.name));
  return p;
}

// ---- layouts/<name>.md ----

function sizeText(f: BinaryField): string {
  const fixed = FIXED_SIZE[f.type];
  if (fixed !== undefined) return code(fixed);
  if (f.type === 'list32') return code(`${PREFIX_SIZE.list32} + count × (${PREFIX_SIZE[f.items!]} + n)`);
  return code(`${PREFIX_SIZE[f.type]} + n`);
}

function binaryTypeText(p: Page, f: BinaryField): string {
  const base = f.type === 'list32' ? `${code('list32')} of ${code(f.items!)}` : code(f.type);
  return f.enum ? `${base} (enum ${enumLink(p, f.enum)})` : base;
}

/**
 * Payload offsets per flag combination: a number while every earlier field has a fixed size,
 * `null` once a variable-length field has gone before.
 */
function offsets(spec: Spec, layout: LayoutSpec): Map<BinaryField, Map<number, number | null>> {
  const out = new Map<BinaryField, Map<number, number | null>>(layout.fields.map((f) => [f, new Map()]));
  for (const c of flagCombinations(spec).filter((x) => x.layout.name === layout.name)) {
    let at: number | null = 0;
    for (const f of layout.fields) {
      if (!presentIn(spec, f, c)) continue;
      out.get(f)!.set(c.flags, at);
      const size = FIXED_SIZE[f.type];
      at = at === null || size === undefined ? null : at + size;
    }
  }
  return out;
}

function offsetText(byFlags: Map<number, number | null>): string {
  const groups = new Map<string, number[]>();
  for (const [flags, at] of byFlags) {
    const key = at === null ? 'after previous' : code(at);
    groups.set(key, [...(groups.get(key) ?? []), flags]);
  }
  if (groups.size === 1) return [...groups.keys()][0];
  return [...groups].map(([key, flags]) => `${key} (flags ${flags.map((f) => code(hex4(f))).join(', ')})`).join('; ');
}

function layoutPage(spec: Spec, l: LayoutSpec, samples: Sample[]): Page {
  const p = new Page(PAGE.layout(l.name));
  const combos = flagCombinations(spec).filter((c) => c.layout.name === l.name);
  p.heading(1, code(l.name));
  p.para(
    `${p.link(prose(spec.protocol.name), PAGE.index)} › ${p.link('Binary layouts', PAGE.index, slug('Binary layouts'))}`,
  );
  p.para(prose(l.doc));
  p.properties([
    ['Flag', `${code(hex4(l.flagBit))} ${flagLink(p, l.flag)}`],
    ['Modifiers', l.modifiers.map((m) => `${code(hex4(m.bit))} ${flagLink(p, m.name)}`).join(', ') || '—'],
    ['Allowed flags', combos.map((c) => code(hex4(c.flags))).join(', ')],
    ['Direction', directionLabel[l.direction]],
    ['Streams', streamLinks(p, l.streams)],
    ['Origin', code(l.origin)],
    ...relations(p, spec, l.name, l.responses),
    ...exampleLinks(p, spec, l.name),
  ]);
  p.heading(2, 'Byte layout');
  const at = offsets(spec, l);
  p.table(
    ['Payload offset', 'Size', 'Field', 'Type', 'Limit', 'Present', 'Description'],
    l.fields.map((f) => [
      offsetText(at.get(f)!),
      sizeText(f),
      code(f.name),
      binaryTypeText(p, f),
      limitText(p, spec, f.limit, f.type === 'list32' ? 'items' : 'bytes'),
      f.when ? `when ${flagLink(p, f.when)} is set` : 'always',
      prose(f.doc),
    ]),
  );
  p.heading(2, 'Byte diagrams');
  for (const c of layoutCombinations(spec, l.name)) {
    p.heading(3, `Flags ${hex4(c.flags)}`);
    p.frame(layoutShape(spec, c), `byte-diagram-${hex4(c.flags).toLowerCase()}`);
  }
  if (l.modifiers.length) {
    p.heading(2, 'Conditions');
    p.table(
      ['Modifier', 'Bit', 'Adds fields', 'Description'],
      l.modifiers.map((m: FlagSpec) => [
        flagLink(p, m.name),
        code(hex4(m.bit)),
        l.fields
          .filter((f) => f.when === m.name)
          .map((f) => code(f.name))
          .join(', ') || '—',
        prose(m.doc),
      ]),
    );
  }
  workedExamples(p, spec, l.name, typicalVectors(samples, 'layout', l.name));
  return p;
}

// ---- enums.md / errors.md ----

function enumsPage(spec: Spec): Page {
  const p = new Page(PAGE.enums);
  p.heading(1, 'Enumerations');
  p.list(Object.keys(spec.enums).map((n) => p.link(code(n), PAGE.enums, slug(n))));
  for (const e of Object.values(spec.enums)) {
    p.heading(2, e.name);
    p.para(prose(e.doc));
    const usedBy = users(spec, (f) => f.enum === e.name).map((u) => typeLink(p, spec, u));
    if (e.name === 'retry_class') usedBy.push(p.link('error codes', PAGE.errors));
    p.properties([
      ['Encoding', code(e.encoding)],
      ['Used by', usedBy.join(', ') || '—'],
    ]);
    const numbered = e.encoding === 'u8';
    p.table(
      numbered ? ['Name', 'Value', 'Description'] : ['Name', 'Description'],
      e.values.map((v) =>
        numbered ? [code(v.name), code(v.value ?? '—'), prose(v.doc)] : [code(v.name), prose(v.doc)],
      ),
    );
  }
  return p;
}

function errorsPage(spec: Spec): Page {
  const p = new Page(PAGE.errors);
  p.heading(1, 'Error codes');
  p.para(prose(spec.errors.doc));
  if (spec.errors.handling?.length) {
    p.heading(2, 'What a receiver does with a bad frame');
    p.list(spec.errors.handling.map(prose));
  }
  const retry = spec.enums.retry_class ? (r: string) => p.link(code(r), PAGE.enums, slug('retry_class')) : code;
  p.table(
    ['Number', 'Code', 'Retry class', 'Origin', 'Codec', 'Description'],
    [...spec.errors.codes]
      .sort((a, b) => a.number - b.number)
      .map((c) => [
        code(c.number),
        `${anchorTag(rowAnchor('error', c.name))}${code(c.name)}`,
        retry(c.retry),
        code(c.origin),
        c.codec ? 'yes' : 'no',
        prose(c.doc),
      ]),
  );
  return p;
}

// ---- examples.md ----

function examplesPage(spec: Spec): Page {
  const p = new Page(PAGE.examples);
  p.heading(1, 'Worked examples');
  p.list(spec.examples.map((e) => p.link(e.name, PAGE.examples, slug(e.name))));
  for (const ex of spec.examples) {
    const type = String(ex.value.type);
    p.heading(2, ex.name);
    p.para(prose(ex.doc));
    p.properties([
      ['Type', typeLink(p, spec, type)],
      ['Frame size', `${ex.hex.length / 2} bytes`],
    ]);
    p.heading(3, `${ex.name} frame`);
    p.fence('text', annotatedHex(spec, Buffer.from(ex.hex, 'hex'), ex.name));
    p.heading(3, `${ex.name} value`);
    p.fence('json', JSON.stringify(ex.value, null, 2));
  }
  return p;
}

// ---- sidebar.json ----

/** The site's sidebar for these pages, so the site's navigation follows the spec too. */
function sidebar(spec: Spec): GeneratedFile {
  const link = (page: string) => `/protocol/${page.replace(/(index)?\.md$/, '')}`;
  const items = {
    $comment: notice('md').trim(),
    sections: [
      {
        text: 'Protocol reference',
        items: [
          { text: 'Overview', link: link(PAGE.index) },
          { text: 'Framing', link: link(PAGE.framing) },
          { text: 'Flags and capabilities', link: link(PAGE.flags) },
          { text: 'Compatibility', link: link(PAGE.compatibility) },
          { text: 'Streams', link: link(PAGE.streams) },
          { text: 'Enumerations', link: link(PAGE.enums) },
          { text: 'Error codes', link: link(PAGE.errors) },
          { text: 'Worked examples', link: link(PAGE.examples) },
        ],
      },
      {
        text: 'JSON messages',
        collapsed: true,
        items: spec.messages.map((m) => ({ text: m.name, link: link(PAGE.message(m.name)) })),
      },
      {
        text: 'Binary layouts',
        collapsed: true,
        items: spec.layouts.map((l) => ({ text: l.name, link: link(PAGE.layout(l.name)) })),
      },
    ],
  };
  return { path: `${ROOT}/sidebar.json`, contents: jsonText(items) };
}

export const docsTarget: Target = {
  name: 'docs',
  owns: [ROOT],
  generate: (spec) => {
    const samples = positiveSamples(spec);
    return [
      ...[
        indexPage(spec),
        framingPage(spec),
        flagsPage(spec),
        compatibilityPage(spec),
        streamsPage(spec),
        enumsPage(spec),
        errorsPage(spec),
        examplesPage(spec),
        ...spec.messages.map((m) => messagePage(spec, m, samples)),
        ...spec.layouts.map((l) => layoutPage(spec, l, samples)),
      ].map((page) => page.file()),
      sidebar(spec),
    ];
  },
};
