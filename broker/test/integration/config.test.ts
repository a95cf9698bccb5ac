import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The built broker (the test run's global setup builds it), as `npm start` runs it.
const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

function start(env: Record<string, string>) {
  const run = spawnSync(process.execPath, [MAIN], {
    env: { ...process.env, FELIX_HTTP_BIND: '127.0.0.1:0', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { code: run.status, stderr: run.stderr.trim() };
}

function configFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'felix-config-')), 'felix.yaml');
  writeFileSync(path, text);
  return path;
}

describe('broker configuration errors', () => {
  it('exits 2 with one line naming a bad environment variable and what it allows', () => {
    const r = start({ FELIX_OVERFLOW_POLICY: 'sometimes' });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('felix: FELIX_OVERFLOW_POLICY is invalid: allowed: drop_new, drop_old, disconnect');
  });

  it('names a bad port and a bad HTTP bind', () => {
    expect(start({ FELIX_TLS_PORT: '70000' })).toEqual({
      code: 2,
      stderr: 'felix: FELIX_TLS_PORT is invalid: must be <= 65535',
    });
    const r = start({ FELIX_HTTP_BIND: 'localhost' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^felix: FELIX_HTTP_BIND is invalid/);
  });

  it('names an unknown key in the config file', () => {
    const r = start({ FELIX_CONFIG: configFile('tlsPort: 0\nsubscriberQueueByts: 10\n') });
    expect(r).toEqual({ code: 2, stderr: 'felix: config key "subscriberQueueByts" is invalid: unknown setting' });
  });

  it.each([
    [
      'namespace ".."',
      'registry:\n  t1:\n    "..":\n      streams: { s: {} }\n',
      'namespace ".." has nothing but ".", because ".", ".." and "..." read as relative paths (in tenant "t1")',
    ],
    [
      'stream "b/c"',
      'registry:\n  t1:\n    a:\n      streams: { "b/c": {} }\n',
      'stream "b/c" contains U+002F, "/", which logs, URLs and file paths read as a separator (in tenant "t1", namespace "a")',
    ],
    [
      'tenant with BEL',
      'registry:\n  "t\\u0007":\n    default: {}\n',
      'tenant "t\\u0007" contains U+0007, a C0 control character (NUL, tab and newline among them)',
    ],
    ['cache "."', 'registry:\n  t1:\n    default:\n      caches: ["."]\n', 'cache "." has nothing but "."'],
  ])('refuses a registry %s, which breaks the name format, in one line', (_, yaml, why) => {
    const r = start({ FELIX_CONFIG: configFile(`tlsPort: 0\n${yaml}`) });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`felix: config registry is invalid: ${why}`);
  });
});
