import { describe, expect, it } from 'vitest';
import { InvalidNameError } from '../src/core/names.js';
import { LimitExceededError, NotFoundError, Registry, type RegistryOptions } from '../src/core/registry.js';

function registry(options: Partial<RegistryOptions> = {}): Registry {
  return new Registry({
    autoCreate: false,
    defaultStream: { maxRecords: 10, maxBytes: 1 << 20 },
    maxStreams: 100,
    maxCaches: 100,
    ...options,
  });
}

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('no error');
}

describe('Registry', () => {
  it('refuses the names that would collide when joined with "/": (t1, "a", "b/c") and (t1, "a/b", "c")', () => {
    const r = registry();
    const first = errorOf(() => r.addStream('t1', 'a', 'b/c'));
    expect(first).toBeInstanceOf(InvalidNameError);
    expect(first.message).toMatch(/^stream "b\/c" contains U\+002F/);
    const second = errorOf(() => r.addStream('t1', 'a/b', 'c'));
    expect(second).toBeInstanceOf(InvalidNameError);
    expect(second.message).toMatch(/^namespace "a\/b" contains U\+002F/);
    expect(r.streamCount).toBe(0);
    // Names are checked before anything is registered: no level of a refused name is left behind.
    expect(r.hasTenant('t1')).toBe(false);
    r.addTenant('t1');
    expect(errorOf(() => r.stream('t1', 'a/b', 'c'))).toEqual(new NotFoundError('namespace', 't1/a/b'));
  });

  it('keeps streams apart whose names join to the same text with any separator', () => {
    const r = registry();
    const pairs: [string, string][] = [
      ['a.b', 'c'],
      ['a', 'b.c'],
      ['a b', 'c'],
      ['a', 'b c'],
    ];
    const entries = pairs.map(([ns, s]) => r.addStream('t1', ns, s));
    expect(new Set(entries).size).toBe(4);
    entries[0].log.append([new Uint8Array([1])]);
    expect(r.stream('t1', 'a.b', 'c').log.tail).toBe(1);
    expect(r.stream('t1', 'a', 'b.c').log.tail).toBe(0);
    expect(errorOf(() => r.stream('t1', 'a.b', 'b.c'))).toBeInstanceOf(NotFoundError);
  });

  it('refuses dot-only, empty and control-character names at every level, also when auto-creating', () => {
    const r = registry({ autoCreate: true });
    for (const [kind, add] of [
      ['tenant', (n: string) => r.addTenant(n)],
      ['namespace', (n: string) => r.addNamespace('t1', n)],
      ['stream', (n: string) => r.stream('t1', 'ns', n)],
      ['cache', (n: string) => r.cache('t1', 'ns', n)],
    ] as const) {
      for (const name of ['.', '..', '...', '', 'a\u0000b', 'tab\there', '\u0085']) {
        const err = errorOf(() => add(name));
        expect(err, `${kind} ${JSON.stringify(name)}`).toBeInstanceOf(InvalidNameError);
        expect((err as InvalidNameError).kind).toBe(kind);
      }
    }
    expect(r.streamCount).toBe(0);
  });

  it('counts streams across namespaces against maxStreams', () => {
    const r = registry({ maxStreams: 2 });
    r.addStream('t1', 'a', 's');
    r.addStream('t2', 'a', 's');
    expect(r.addStream('t1', 'a', 's')).toBe(r.stream('t1', 'a', 's'));
    const err = errorOf(() => r.addStream('t1', 'b', 's'));
    expect(err).toBeInstanceOf(LimitExceededError);
    expect(err).toMatchObject({
      code: 'limit_exceeded',
      limit: 'maxStreams',
      message: 'the broker holds 2 streams, its limit (maxStreams, FELIX_MAX_STREAMS)',
    });
    // A refused name registers nothing, not even its namespace.
    expect(errorOf(() => r.stream('t1', 'b', 's'))).toBeInstanceOf(NotFoundError);
  });

  it('refuses caches past maxCaches with a typed error, auto-created or not', () => {
    const r = registry({ maxCaches: 1, autoCreate: true });
    r.cache('t1', 'a', 'c');
    expect(() => r.cache('t1', 'a', 'c')).not.toThrow();
    expect(errorOf(() => r.cache('t1', 'a', 'd'))).toMatchObject({
      limit: 'maxCaches',
      message: 'the broker holds 1 caches, its limit (maxCaches, FELIX_MAX_CACHES)',
    });
  });

  it('names the first missing level in not_found', () => {
    const r = registry();
    r.addCache('t1', 'ns', 'c');
    expect(errorOf(() => r.cache('t2', 'ns', 'c')).message).toBe('tenant t2 is not registered');
    expect(errorOf(() => r.cache('t1', 'other', 'c')).message).toBe('namespace t1/other is not registered');
    expect(errorOf(() => r.cache('t1', 'ns', 'd')).message).toBe('cache t1/ns/d is not registered');
    expect(() => r.cache('t1', 'ns', 'c')).not.toThrow();
  });
});
