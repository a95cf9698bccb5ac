// --client-cert/--client-key (FELIX_CLIENT_CERT/FELIX_CLIENT_KEY): read into the connect
// options together, or refused as a usage error naming the option.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientCertificateOptions } from '../src/connection.js';
import { UsageError } from '../src/errors.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'felix-cli-mtls-'));
  writeFileSync(join(dir, 'client.pem'), 'CERT');
  writeFileSync(join(dir, 'client.key'), 'KEY');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('client certificate options', () => {
  it('reads both files, or nothing when neither is given', () => {
    expect(
      clientCertificateOptions({ clientCert: join(dir, 'client.pem'), clientKey: join(dir, 'client.key') }),
    ).toEqual({ clientCert: 'CERT', clientKey: 'KEY' });
    expect(clientCertificateOptions({})).toEqual({});
  });

  it('refuses one without the other and a file it cannot read', () => {
    expect(() => clientCertificateOptions({ clientCert: join(dir, 'client.pem') })).toThrow(
      new UsageError('--client-cert and --client-key must be given together'),
    );
    const missing = join(dir, 'missing.key');
    expect(() => clientCertificateOptions({ clientCert: join(dir, 'client.pem'), clientKey: missing })).toThrow(
      `--client-key: cannot read ${missing}: ENOENT`,
    );
  });
});
