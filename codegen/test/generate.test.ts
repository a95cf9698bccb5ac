import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SPEC_DIR } from '@felix/spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check, generate } from '../src/generate.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const PAYLOAD_DOC = 'The message body, opaque to the broker.';
const EDITED_PAYLOAD_DOC = 'The message body; the broker never looks inside it.';

describe('npm run generate', () => {
  it('is reproducible: the committed files are exactly what the spec generates', async () => {
    expect(await check({ outDir: repoRoot })).toEqual([]);
  });
});

describe('a spec edit reaches every generated artefact', () => {
  // Inside the repository so the generated code resolves its npm dependencies.
  const scratch = join(repoRoot, '.tmp');
  let out: string;
  let specDir: string;

  beforeAll(async () => {
    mkdirSync(scratch, { recursive: true });
    const dir = mkdtempSync(join(scratch, 'spec-edit-'));
    specDir = join(dir, 'spec');
    out = join(dir, 'out');
    cpSync(DEFAULT_SPEC_DIR, specDir, {
      recursive: true,
      filter: (src) =>
        !src.includes('node_modules') &&
        !src.includes(`${DEFAULT_SPEC_DIR}src`) &&
        !src.includes(`${DEFAULT_SPEC_DIR}test`),
    });
    // A JSON field on publish and a binary field on the publish batch layout; a field's doc text.
    const messages = join(specDir, 'messages.yaml');
    const messagesText = readFileSync(messages, 'utf8');
    expect(messagesText.split(PAYLOAD_DOC)).toHaveLength(2);
    writeFileSync(
      messages,
      messagesText
        .replace(PAYLOAD_DOC, EDITED_PAYLOAD_DOC)
        .replace(
          '      - { name: ack, type: enum, enum: ack_mode, presence: optional, doc: "How to acknowledge; absent means per_message." }',
          '      - { name: ack, type: enum, enum: ack_mode, presence: optional, doc: "How to acknowledge; absent means per_message." }\n      - { name: priority_hint, type: u16, presence: optional, doc: "Delivery priority hint for the broker." }',
        ),
    );
    const layouts = join(specDir, 'layouts.yaml');
    writeFileSync(
      layouts,
      readFileSync(layouts, 'utf8').replace(
        '      - { name: tenant_id, type: str16, format: name, doc: "Tenant owning the stream." }\n      - { name: namespace, type: str16, format: name, doc: "Namespace within the tenant." }\n      - { name: stream, type: str16, format: name, doc: "Stream name within the namespace." }\n      - { name: payloads, type: list32, items: bytes32, limit: batch_max_items, doc: "The message bodies, in order." }',
        '      - { name: tenant_id, type: str16, format: name, doc: "Tenant owning the stream." }\n      - { name: namespace, type: str16, format: name, doc: "Namespace within the tenant." }\n      - { name: stream, type: str16, format: name, doc: "Stream name within the namespace." }\n      - { name: partition_hint, type: u32, doc: "Partition the producer would like the batch to land on." }\n      - { name: payloads, type: list32, items: bytes32, limit: batch_max_items, doc: "The message bodies, in order." }',
      ),
    );
    // The worked example of this layout no longer matches it: drop it from the edited copy.
    const examples = join(specDir, 'examples.yaml');
    const text = readFileSync(examples, 'utf8');
    const start = text.indexOf('  - name: example_binary_publish_acked');
    const end = text.indexOf('  - name: example_shared_event_batch_offsets');
    writeFileSync(examples, text.slice(0, start) + text.slice(end));
    await generate({ specDir, outDir: out });
  }, 120_000);

  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  const read = (path: string) => readFileSync(join(out, path), 'utf8');

  it('reaches the TypeScript types and codecs', () => {
    expect(read('generated/src/types.ts')).toMatch(/priority_hint\?: number;/);
    expect(read('generated/src/types.ts')).toMatch(/partition_hint: number;/);
    expect(read('generated/src/json-codec.ts')).toContain('publish.priority_hint');
    expect(read('generated/src/binary-codec.ts')).toContain('binary_publish_batch.partition_hint');
  });

  it('reaches the JSON Schema and the standalone validator', () => {
    const schema = JSON.parse(read('generated/schemas/publish.schema.json'));
    expect(schema.properties.priority_hint).toMatchObject({ type: ['integer', 'null'], maximum: 65535 });
    expect(read('generated/src/validators.js')).toContain('priority_hint');
  });

  it('reaches the Kaitai Struct description and its compiled parsers', () => {
    expect(read('generated/kaitai/felix_wire.ksy')).toContain('partition_hint');
    expect(read('generated/kaitai/js/FelixWire.cjs')).toContain('partitionHint');
    expect(read('generated/kaitai/python/felix_wire.py')).toContain('partition_hint');
  });

  it('reaches the vectors and the fuzz corpus', () => {
    const v = JSON.parse(read('conformance/vectors/publish_typical.json'));
    expect(v.expect.value.priority_hint).toBe(25);
    const b = JSON.parse(read('conformance/vectors/binary_publish_batch_typical_0x0009.json'));
    expect(b.expect.value.partition_hint).toBe(7);
    expect(existsSync(join(out, 'fuzz/corpus/binary_publish_batch_typical_0x0009.bin'))).toBe(true);
  });

  it('reaches the protocol docs pages', () => {
    expect(read('docs-site/protocol/messages/publish.md')).toContain('priority_hint');
    expect(read('docs-site/protocol/layouts/binary_publish_batch.md')).toContain('partition_hint');
    expect(read('docs-site/protocol/layouts/binary_publish_batch.md')).toContain('Partition Hint (32),');
  });

  it('carries an edited field doc to its docs page, replacing the old text', () => {
    const page = read('docs-site/protocol/messages/publish.md');
    expect(page).toContain(`| ${EDITED_PAYLOAD_DOC} |`);
    expect(page).not.toContain(PAYLOAD_DOC);
    expect(readFileSync(join(repoRoot, 'docs-site/protocol/messages/publish.md'), 'utf8')).toContain(PAYLOAD_DOC);
  });

  it('produces a codec that carries the new fields on the wire', async () => {
    const codec = await import(join(out, 'generated/src/index.ts'));
    const frame = codec.encodeFrame({
      type: 'publish',
      tenant_id: 't',
      namespace: 'n',
      stream: 's',
      payload: new Uint8Array([1]),
      priority_hint: 3,
    });
    expect(new TextDecoder().decode(frame.subarray(12))).toContain('"priority_hint":3');
    expect(codec.decodeFrame(frame).priority_hint).toBe(3);
    const batch = codec.encodeFrame({
      type: 'binary_publish_batch',
      tenant_id: 't',
      namespace: 'n',
      stream: 's',
      partition_hint: 9,
      payloads: [],
    });
    expect(codec.decodeFrame(batch).partition_hint).toBe(9);
    expect(() => codec.decodeFrame(batch.subarray(0, batch.length - 1))).toThrow(/truncated|declares/);
  });
});
