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
    const dir = mkdtempSync(join(tmpdir(), 'felix-config-'));
    const path = join(dir, 'felix.yaml');
    writeFileSync(path, 'tlsPort: 0\nsubscriberQueueByts: 10\n');
    const r = start({ FELIX_CONFIG: path });
    expect(r).toEqual({ code: 2, stderr: 'felix: config key "subscriberQueueByts" is invalid: unknown setting' });
  });
});
