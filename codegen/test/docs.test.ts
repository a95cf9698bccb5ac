import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { DEFAULT_SPEC_DIR, loadSpec, SPEC_FILES, type Spec } from '@felix/spec';
import { flagCombinations, interpretFrame } from '@felix/spec/interpreter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPattern } from '../src/json-schema.js';
import { notice } from '../src/target.js';
import { docsTarget } from '../src/targets/docs/index.js';
import { walkJson } from '../src/targets/docs/spec-facts.js';

const ROOT = 'docs-site/protocol/';
const OVERVIEW = ['index', 'framing', 'flags', 'compatibility', 'streams', 'enums', 'errors', 'examples'];

async function pages(spec: Spec): Promise<Map<string, string>> {
  const files = await docsTarget.generate(spec);
  return new Map(files.map((f) => [f.path, String(f.contents)]));
}

/** Fenced blocks hold JSON and hex, whose brackets and pipes are not Markdown. */
const withoutFences = (md: string) => md.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '');

/** GitHub's anchors: heading slugs (with -1, -2 for repeats) and explicit ids. */
function anchors(md: string): Set<string> {
  const out = new Set<string>();
  const seen = new Map<string, number>();
  for (const [, text] of withoutFences(md).matchAll(/^#{1,6} (.+)$/gm)) {
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n ? `${base}-${n}` : base);
  }
  for (const [, id] of md.matchAll(/<a id="([^"]+)"><\/a>/g)) out.add(id);
  return out;
}

function links(md: string): string[] {
  return [...withoutFences(md).matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
}

function exampleLines(md: string): string[] {
  const block = md.split('## Example\n')[1]?.match(/```json\n([\s\S]*?)\n```/);
  return block ? block[1].split('\n') : [];
}

function jsonFrame(text: string): Uint8Array {
  const payload = Buffer.from(text, 'utf8');
  const header = Buffer.alloc(12);
  header.writeUInt32BE(0x464c5831, 0);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(0, 6);
  header.writeUInt32BE(payload.length, 8);
  return Buffer.concat([header, payload]);
}

describe('docs target on the real spec', () => {
  const spec = loadSpec();
  let docs: Map<string, string>;
  beforeAll(async () => {
    docs = await pages(spec);
  });

  it('writes the overview pages, one page per message and layout, the storage pages and the sidebar', () => {
    for (const page of OVERVIEW) expect(docs.has(`${ROOT}${page}.md`), page).toBe(true);
    for (const m of spec.messages) expect(docs.has(`${ROOT}messages/${m.name}.md`), m.name).toBe(true);
    for (const l of spec.layouts) expect(docs.has(`${ROOT}layouts/${l.name}.md`), l.name).toBe(true);
    const storage = ['storage/index', 'storage/segment-files', 'storage/index-files'];
    for (const page of storage) expect(docs.has(`${ROOT}${page}.md`), page).toBe(true);
    expect(docs.size).toBe(OVERVIEW.length + spec.messages.length + spec.layouts.length + storage.length + 1);
    for (const [path, md] of docs) if (path.endsWith('.md')) expect(md.startsWith(notice('md')), path).toBe(true);
  });

  it('draws every storage struct as a byte diagram and annotates the golden bytes field by field', () => {
    const segment = docs.get(`${ROOT}storage/segment-files.md`)!;
    const index = docs.get(`${ROOT}storage/index-files.md`)!;
    for (const s of Object.values(spec.storage.structs)) {
      const page = s.name.startsWith('index') ? index : segment;
      expect(page, s.name).toContain(`<figure class="byte-diagram" id="byte-diagram-${s.name.replace(/_/g, '-')}">`);
      for (const f of s.fields) expect(page, `${s.name}.${f.name}`).toContain(`<a id="${s.name}-${f.name}"></a>`);
    }
    expect(segment).toContain('7a09e5b1          # header_crc = 0x7A09E5B1');
    expect(segment).toContain('6869              # payload = "hi"');
    expect(segment).toContain('1. the 28 bytes of the fixed part are there (else `truncated`); 2. `header_crc`');
    const overview = docs.get(`${ROOT}storage/index.md`)!;
    for (const c of spec.storage.errors.codes)
      expect(overview, c.name).toContain(`<a id="storage-error-${c.name}"></a>`);
    expect(overview).toContain('acme_default_orders_3-0d3af04b998d2cb1');
  });

  it('lists every page in the sidebar, by its site path', () => {
    const { sections } = JSON.parse(docs.get(`${ROOT}sidebar.json`)!);
    const linked = new Set(sections.flatMap((s: { items: { link: string }[] }) => s.items.map((i) => i.link)));
    const pagesOnSite = [...docs.keys()]
      .filter((p) => p.endsWith('.md'))
      .map((p) => `/protocol/${p.slice(ROOT.length).replace(/(index)?\.md$/, '')}`);
    expect(new Set(pagesOnSite)).toEqual(linked);
  });

  it('resolves every relative link to a generated page and an anchor on it', () => {
    let checked = 0;
    for (const [path, md] of docs) {
      if (!path.endsWith('.md')) continue;
      for (const href of links(md)) {
        expect(href, `${path}: ${href}`).not.toMatch(/^[a-z]+:/i);
        const [file, anchor] = href.split('#');
        const target = file ? posix.normalize(posix.join(posix.dirname(path), file)) : path;
        expect(docs.has(target), `${path}: ${href} -> ${target}`).toBe(true);
        if (anchor) expect(anchors(docs.get(target)!).has(anchor), `${path}: ${href}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(200);
  });

  it('links every message and layout page from the index', () => {
    const index = links(docs.get(`${ROOT}index.md`)!);
    for (const m of spec.messages) expect(index).toContain(`messages/${m.name}.md`);
    for (const l of spec.layouts) expect(index).toContain(`layouts/${l.name}.md`);
  });

  it('writes well-formed tables: every row has as many cells as its header', () => {
    for (const [path, md] of docs) {
      if (!path.endsWith('.md')) continue;
      for (const table of withoutFences(md).split(/\n\n+/)) {
        const rows = table.split('\n').filter((l) => l.startsWith('|'));
        if (!rows.length) continue;
        const cells = (row: string) => row.split(/(?<!\\)\|/).length;
        expect(rows[1], path).toMatch(/^\|( --- \|)+$/);
        for (const row of rows) expect(cells(row), `${path}: ${row}`).toBe(cells(rows[0]));
      }
    }
  });

  it('gives every message an example line that decodes to that message', () => {
    for (const m of spec.messages) {
      const lines = exampleLines(docs.get(`${ROOT}messages/${m.name}.md`)!);
      expect(lines.length, m.name).toBeGreaterThan(0);
      for (const line of lines) {
        expect(interpretFrame(spec, jsonFrame(line)).type, line).toBe(m.name);
        expect(JSON.stringify(JSON.parse(line)), 'no whitespace, type first').toBe(line);
        expect(Object.keys(JSON.parse(line))[0]).toBe('type');
      }
    }
    // A oneof gets one line per variant.
    expect(exampleLines(docs.get(`${ROOT}messages/subscribe.md`)!)).toHaveLength(2);
  });

  it('lists every flag, allowed combination, error code and worked example', () => {
    const flags = docs.get(`${ROOT}flags.md`)!;
    for (const f of spec.flags) expect(flags).toContain(`id="flag-${f.name.toLowerCase()}"`);
    for (const value of ['0x0000', '0x0001', '0x0009', '0x0022', '0x0024']) expect(flags).toContain(`| \`${value}\` |`);
    expect(flags).not.toContain('`0x000C`');
    const errors = docs.get(`${ROOT}errors.md`)!;
    for (const c of spec.errors.codes) expect(errors).toContain(`| \`${c.number}\` | <a id="error-${c.name}">`);
    const examples = docs.get(`${ROOT}examples.md`)!;
    for (const ex of spec.examples) expect(examples).toContain(`## ${ex.name}\n`);
    expect(examples).toContain('0002 7431            # tenant_id = "t1"');
    expect(examples).toContain('0009                 # flags 0x0009 = BINARY_PUBLISH_BATCH | BINARY_PUBLISH_ACKED');
  });

  it('lists every close code on the streams page, by value, with its anchor', () => {
    const streams = docs.get(`${ROOT}streams.md`)!;
    const rows = [...streams.matchAll(/^\| <a id="close-([a-z_]+)"><\/a>`\1` \| `(\d+)` \|/gm)];
    const byValue = [...spec.close_codes.codes].sort((a, b) => a.value - b.value);
    expect(rows.map((r) => [r[1], Number(r[2])])).toEqual(byValue.map((c) => [c.name, c.value]));
    expect(streams).toContain(spec.close_codes.doc.slice(0, 40));
    expect(links(docs.get(`${ROOT}index.md`)!)).toContain('streams.md#close-codes');
  });

  it('describes each string format with its pattern and links every field that follows it', () => {
    const framing = docs.get(`${ROOT}framing.md`)!;
    const format = spec.formats.name;
    const section = framing.split('### Format `name`\n')[1];
    expect(section).toBeDefined();
    expect(section).toContain(`| JSON Schema pattern | \`${formatPattern(format)}\` |`);
    expect(section).toContain('| Rejected with | [`invalid_name`](errors.md#error-invalid_name) |');
    expect(section).toContain('| forbidden | `U+0000–U+001F` |');
    expect(section).toContain('| forbidden | `U+002F` |');
    expect(section).toContain('| not the only ones | `U+002E` |');
    const expected: string[] = [];
    for (const m of spec.messages) {
      walkJson(m.fields, '', (f, path) => {
        if (f.format === 'name') expected.push(`messages/${m.name}.md#field-${path}`);
      });
    }
    for (const l of spec.layouts) {
      for (const f of l.fields) if (f.format === 'name') expected.push(`layouts/${l.name}.md#field-${f.name}`);
    }
    expect(expected.length).toBeGreaterThan(10);
    expect(links(section).filter((href) => href.includes('#field-'))).toEqual(expected);
    // Field tables note the format next to the type.
    expect(docs.get(`${ROOT}messages/publish.md`)).toContain(
      '`namespace` | string (format [`name`](../framing.md#format-name)) |',
    );
    expect(docs.get(`${ROOT}layouts/binary_publish_batch.md`)).toContain(
      '`stream` | `str16` (format [`name`](../framing.md#format-name)) |',
    );
  });

  it('shows fixed payload offsets and "after previous" where they vary', () => {
    const page = docs.get(`${ROOT}layouts/binary_publish_batch.md`)!;
    expect(page).toContain('| `8` | `1` | <a id="field-ack_mode"></a>`ack_mode` |');
    expect(page).toContain(
      '| `0` (flags `0x0001`); `9` (flags `0x0009`) | `2 + n` | <a id="field-tenant_id"></a>`tenant_id` |',
    );
    expect(page).toContain('| after previous | `2 + n` | <a id="field-namespace"></a>`namespace` |');
  });

  it('draws every message frame and every allowed layout combination as a byte diagram', () => {
    for (const m of spec.messages) {
      const page = docs.get(`${ROOT}messages/${m.name}.md`)!;
      const diagram = page.match(/<figure class="byte-diagram" id="byte-diagram">[\s\S]*?<\/figure>/)?.[0];
      expect(diagram, m.name).toBeDefined();
      expect(diagram).toContain('>magic = 0x464C5831</td>');
      expect(diagram).toContain('>flags = 0x0000</td>');
      expect(diagram).toContain('<th scope="row">12</th><td colspan="4" class="bd-field bd-variable" title="JSON">');
    }
    for (const c of flagCombinations(spec)) {
      const page = docs.get(`${ROOT}layouts/${c.layout.name}.md`)!;
      const id = `byte-diagram-0x${c.flags.toString(16).padStart(4, '0')}`;
      expect(page, `${c.layout.name} ${id}`).toContain(`<figure class="byte-diagram" id="${id}">`);
    }
    // A u64 at offset 12 takes two rows; the u8 after it shares a row with the next length prefix.
    const acked = docs.get(`${ROOT}layouts/binary_publish_batch.md`)!.split('id="byte-diagram-0x0009"')[1];
    expect(acked).toContain(
      '<th scope="row">16</th><td colspan="4" class="bd-field" title="u64">request_id (cont.)</td></tr><tr><th scope="row">20</th><td colspan="1" class="bd-field" title="u8">ack_mode</td><td colspan="2" class="bd-field" title="u16">tenant_id_length</td>',
    );
  });

  it('writes each frame in RFC 9000 notation, bits per field, (..) where the length varies', () => {
    const framing = docs.get(`${ROOT}framing.md`)!;
    expect(framing).toContain(
      'Felix Frame {\n  Magic (32) = 0x464C5831,\n  Version (16) = 1,\n  Flags (16),\n  Length (32),\n  Payload (..),\n}',
    );
    const ack = docs.get(`${ROOT}layouts/binary_publish_ack.md`)!;
    expect(ack).toContain(
      'Binary Publish Ack Frame {\n  Magic (32) = 0x464C5831,\n  Version (16) = 1,\n  Flags (16) = 0x0010,\n  Length (32),\n  Status (8),\n  Request ID (64),\n  Message Length (16),\n  Message (..),\n}',
    );
    const shared = docs.get(`${ROOT}layouts/binary_shared_event_batch.md`)!;
    expect(shared).toContain('  Base Offset (64),\n  Payloads Count (32),\n  Payloads Item (..) ...,\n}');
    expect(shared).toContain('Payloads Item {\n  Length (32),\n  Data (..),\n}');
    expect(docs.get(`${ROOT}messages/auth.md`)).toContain('Auth Frame {\n');
  });

  it('gives every message and layout annotated hex whose bytes are its typical vector', () => {
    const hexOf = (block: string) =>
      block
        .split('\n')
        .map((l) => l.replace(/#.*$/, '').replace(/\s/g, ''))
        .join('');
    for (const [path, md] of docs) {
      if (!/\/(messages|layouts)\//.test(path)) continue;
      const worked = md.split('## Worked examples\n')[1];
      expect(worked, path).toBeDefined();
      const blocks = [...worked.matchAll(/### (\S+)\n\n[^\n]*\n\n```text\n([\s\S]*?)\n```/g)];
      expect(blocks.length, path).toBeGreaterThan(0);
      for (const [, name, block] of blocks) {
        const vector = JSON.parse(
          readFileSync(join(DEFAULT_SPEC_DIR, '..', 'conformance', 'vectors', `${name}.json`), 'utf8'),
        );
        expect(hexOf(block), `${path} ${name}`).toBe(vector.frame_hex);
        expect(block).toContain('# magic "FLX1"');
      }
    }
  });

  it('has the flag matrix, a capability matrix row per flag and feature, and the compatibility rules', () => {
    const flags = docs.get(`${ROOT}flags.md`)!;
    expect(flags).toContain(
      '| [`BINARY_PUBLISH_BATCH`](#flag-binary_publish_batch) | `0x0001` | `0x0009` | [`invalid_flags`](errors.md#error-invalid_flags) |',
    );
    expect(flags).toContain(
      '| flag [`BINARY_EVENT_BATCH_SHARED`](#flag-binary_event_batch_shared) | `0x0004` | sent | sent | never sent |',
    );
    expect(flags).toContain(
      '| flag [`BINARY_PUBLISH_ACK`](#flag-binary_publish_ack) | `0x0010` | never sent | sent | never sent |',
    );
    for (const f of spec.capabilities.features) expect(flags).toContain(`| feature [\`${f.name}\`]`);
    const compatibility = docs.get(`${ROOT}compatibility.md`)!;
    expect(compatibility).toContain(spec.protocol.upstream.compatibility.slice(0, 40));
    // The capability rules, then upstream's session rules; ours are rows of the additions table.
    const upstreamSessionRules = spec.sessions.rules.filter((r) => r.origin === 'upstream');
    expect(compatibility.match(/^- /gm)).toHaveLength(spec.capabilities.rules.length + upstreamSessionRules.length);
    const ourSessionRules = spec.sessions.rules.filter((r) => r.origin === 'felix-ts');
    expect(compatibility.match(/^\| session rule \| \[sessions\]\(streams\.md#sessions\) \|/gm)).toHaveLength(
      ourSessionRules.length,
    );
    expect(compatibility).toContain('## Known differences of the hosts');
    expect(compatibility).toContain('| `node` | `quic` |');
    for (const c of spec.errors.codes.filter((e) => e.origin === 'felix-ts')) {
      expect(compatibility).toContain(`| error code | [\`${c.name}\`](errors.md#error-${c.name}) |`);
    }
    expect(compatibility).toContain('| message | [`stream_attach`](messages/stream_attach.md) | [`STREAM_ATTACH`]');
    // What only a later upstream revision has is ours, and the page says how the two relate.
    expect(spec.errors.codes.filter((c) => c.origin === 'upstream')).toEqual([]);
    expect(compatibility).toContain(`| Reference revision | ${spec.protocol.upstream.reference} |`);
    expect(compatibility).toContain("## Upstream's later revisions");
    expect(compatibility).toContain(spec.protocol.upstream.later.slice(0, 60));
  });

  it('is deterministic', async () => {
    expect(await pages(loadSpec())).toEqual(docs);
  });
});

describe('docs target on an edited spec', () => {
  let dir: string;
  let before: Map<string, string>;
  let after: Map<string, string>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'felix-docs-'));
    for (const name of [...SPEC_FILES, 'spec.schema.json']) {
      copyFileSync(join(DEFAULT_SPEC_DIR, name), join(dir, name));
    }
    const messages = join(dir, 'messages.yaml');
    const anchor =
      '      - { name: ack, type: enum, enum: ack_mode, presence: optional, doc: "How to acknowledge; absent means per_message." }\n';
    const text = readFileSync(messages, 'utf8');
    expect(text).toContain(anchor);
    writeFileSync(
      messages,
      text.replace(
        anchor,
        `${anchor}      - { name: trace_parent, type: string, limit: key_max_bytes, presence: optional, origin: felix-ts, doc: "W3C trace context of the publishing span." }\n`,
      ),
    );
    before = await pages(loadSpec());
    after = await pages(loadSpec(dir));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('puts the new field on the publish page, in the field table and the example', () => {
    const page = after.get(`${ROOT}messages/publish.md`)!;
    expect(page).toContain(
      '| <a id="field-trace_parent"></a>`trace_parent` | string | optional | [`key_max_bytes`](../framing.md#limit-key_max_bytes) (1024 bytes) | `felix-ts` | — | W3C trace context of the publishing span. |',
    );
    const [line] = exampleLines(page);
    expect(JSON.parse(line).trace_parent).toBe('trace_parent');
    expect(before.get(`${ROOT}messages/publish.md`)).not.toContain('trace_parent');
  });

  it('lists publish as a user of the limit and changes nothing unrelated', () => {
    expect(after.get(`${ROOT}framing.md`)).not.toBe(before.get(`${ROOT}framing.md`));
    const changed = [...after.keys()].filter((path) => after.get(path) !== before.get(path));
    // A felix-ts field also joins the list of what this spec adds to upstream.
    expect(changed.sort()).toEqual([`${ROOT}compatibility.md`, `${ROOT}framing.md`, `${ROOT}messages/publish.md`]);
  });
});
