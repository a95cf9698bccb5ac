import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SPEC_DIR, loadSpec, SPEC_FILES, SpecError } from '../src/index.js';

const dirs: string[] = [];
function copySpec(): string {
  const dir = mkdtempSync(join(tmpdir(), 'felix-spec-'));
  dirs.push(dir);
  for (const f of [...SPEC_FILES, 'spec.schema.json']) {
    cpSync(join(DEFAULT_SPEC_DIR, f), join(dir, f));
  }
  return dir;
}
function edit(dir: string, file: string, from: string | RegExp, to: string): void {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  const next = text.replace(from, to);
  expect(next).not.toBe(text);
  writeFileSync(path, next);
}
function problemsOf(dir: string) {
  try {
    loadSpec(dir);
  } catch (err) {
    expect(err).toBeInstanceOf(SpecError);
    return (err as SpecError).problems;
  }
  throw new Error('the spec loaded');
}

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('loadSpec', () => {
  it('loads the real spec with every upstream message and flag', () => {
    const spec = loadSpec();
    const names = spec.messages.map((m) => m.name);
    for (const t of [
      'auth',
      'auth_ok',
      'publish',
      'publish_batch',
      'subscribe',
      'subscribed',
      'event_stream_hello',
      'event',
      'event_batch',
      'cache_put',
      'cache_get',
      'cache_value',
      'cache_ok',
      'publish_ok',
      'publish_error',
      'ok',
      'error',
      'subscribe_cursor_error',
    ]) {
      expect(names).toContain(t);
    }
    const upstreamFlags = spec.flags.filter((f) => f.origin === 'upstream').map((f) => f.bit);
    expect(upstreamFlags).toEqual([1, 2, 4, 8, 16, 32]);
    // Our own layouts take bits from the top, clear of upstream's numbering.
    for (const f of spec.flags.filter((x) => x.origin !== 'upstream')) expect(f.bit).toBeGreaterThanOrEqual(0x100);
    expect(spec.capabilities.original_v1_flags).toBe(7);
  });

  it('names the file, the path and the line of a schema violation', () => {
    const dir = copySpec();
    edit(dir, 'messages.yaml', '{ name: payload, type: bytes,', '{ name: payload, type: blob,');
    const [p] = problemsOf(dir);
    expect(p.file).toBe('messages.yaml');
    expect(p.path).toBe('/messages/publish/fields/3/type');
    expect(p.line).toBeGreaterThan(50);
    expect(p.message).toMatch(/must be one of/);
  });

  it('reports a reference to an undefined enum', () => {
    const dir = copySpec();
    edit(
      dir,
      'messages.yaml',
      'enum: ack_mode, presence: optional, doc: "How to acknowledge; absent means per_message."',
      'enum: ack_style, presence: optional, doc: "x y z"',
    );
    const problems = problemsOf(dir);
    expect(problems).toContainEqual(
      expect.objectContaining({
        file: 'messages.yaml',
        path: '/messages/publish/fields/5/enum',
        message: 'no enum named "ack_style"',
      }),
    );
  });

  it('gives each field of a format the limit of that format', () => {
    const spec = loadSpec();
    const publish = spec.messages.find((m) => m.name === 'publish')!;
    expect(publish.fields.filter((f) => f.format === 'name').map((f) => [f.name, f.limit])).toEqual([
      ['tenant_id', 'name_max_bytes'],
      ['namespace', 'name_max_bytes'],
      ['stream', 'name_max_bytes'],
    ]);
    const batch = spec.layouts.find((l) => l.name === 'binary_publish_batch')!;
    expect(batch.fields.find((f) => f.name === 'stream')).toMatchObject({ format: 'name', limit: 'name_max_bytes' });
  });

  it('reports a format that is unknown, on a non-string field or with another limit', () => {
    const dir = copySpec();
    edit(dir, 'messages.yaml', /(name: tenant_id, type: string, format:) name,/, '$1 nom,');
    edit(
      dir,
      'messages.yaml',
      '{ name: key, type: string, limit: key_max_bytes,',
      '{ name: key, type: string, format: name, limit: key_max_bytes,',
    );
    edit(dir, 'messages.yaml', '{ name: payload, type: bytes,', '{ name: payload, type: bytes, format: name,');
    const problems = problemsOf(dir);
    expect(problems).toContainEqual(
      expect.objectContaining({ path: '/messages/auth/fields/0/format', message: 'no format named "nom"' }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({
        path: '/messages/cache_put/fields/3/limit',
        message: 'a field of format name has its limit, name_max_bytes',
      }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({
        path: '/messages/publish/fields/3/format',
        message: 'only a string field has a format',
      }),
    );
  });

  it('reports a format whose not_only overlaps forbidden or whose error is no codec code', () => {
    const dir = copySpec();
    edit(dir, 'protocol.yaml', '{ from: 0x2e, to: 0x2e,', '{ from: 0x2e, to: 0x2f,');
    edit(dir, 'protocol.yaml', 'error: invalid_name', 'error: forbidden');
    const problems = problemsOf(dir);
    expect(problems).toContainEqual(
      expect.objectContaining({
        file: 'protocol.yaml',
        path: '/formats/name/not_only/0',
        message: 'overlaps a forbidden range',
      }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ path: '/formats/name/error', message: '"forbidden" is not a codec error code' }),
    );
  });

  it('reports a flag bit used twice and a wrong original_v1 mask', () => {
    const dir = copySpec();
    edit(dir, 'protocol.yaml', 'bit: 0x0020', 'bit: 0x0010');
    const messages = problemsOf(dir).map((p) => `${p.file} ${p.path} ${p.message}`);
    expect(messages).toContainEqual(
      expect.stringMatching(/protocol.yaml \/flags\/5\/bit bit 0x10 already used by BINARY_PUBLISH_ACK/),
    );
  });

  it('reports a modifier used on a layout it does not modify', () => {
    const dir = copySpec();
    edit(dir, 'layouts.yaml', /when: EVENT_BATCH_OFFSETS/, 'when: BINARY_PUBLISH_ACKED');
    expect(problemsOf(dir)).toContainEqual(
      expect.objectContaining({
        file: 'layouts.yaml',
        message: '"BINARY_PUBLISH_ACKED" is not a modifier of BINARY_EVENT_BATCH',
      }),
    );
  });

  it('reports an enum value gated on a feature that does not exist', () => {
    const dir = copySpec();
    edit(
      dir,
      'protocol.yaml',
      /(name: epoch_mismatch\n\s+origin: felix-ts\n\s+requires_feature:) STREAM_EPOCHS/,
      '$1 EPOCHS',
    );
    expect(problemsOf(dir)).toContainEqual(
      expect.objectContaining({
        file: 'protocol.yaml',
        path: '/enums/cursor_error_reason/values/2/requires_feature',
        message: 'no feature named "EPOCHS"',
      }),
    );
  });

  it('reports an empty_when that names no earlier enum field and value', () => {
    const dir = copySpec();
    edit(dir, 'layouts.yaml', 'empty_when: { status: ok }', 'empty_when: { status: fine }');
    expect(problemsOf(dir)).toContainEqual(
      expect.objectContaining({
        file: 'layouts.yaml',
        message: '"status" is no earlier enum field with a value "fine"',
      }),
    );
  });

  it('reports YAML syntax errors with their line', () => {
    const dir = copySpec();
    edit(dir, 'examples.yaml', /^examples:/m, 'examples: [');
    const [p] = problemsOf(dir);
    expect(p.file).toBe('examples.yaml');
    expect(p.line).toBeDefined();
  });
});
