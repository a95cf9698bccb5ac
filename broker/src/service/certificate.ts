// The broker's TLS identity: FELIX_TLS_CERT / FELIX_TLS_KEY when given, otherwise a
// self-signed pair made at first start and kept in the data directory (renewed when it nears
// the end of its short validity, which WebTransport certificate hashes require).

import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CertificatePair, createSelfSigned } from '@felix/transport';

const RENEW_BEFORE_MS = 2 * 86_400_000;

export async function brokerCertificate(options: {
  cert?: string;
  key?: string;
  dataDir: string;
}): Promise<CertificatePair & { selfSigned: boolean }> {
  if (options.cert && options.key) {
    return { cert: readFileSync(options.cert, 'utf8'), key: readFileSync(options.key, 'utf8'), selfSigned: false };
  }
  const certPath = join(options.dataDir, 'self-signed-cert.pem');
  const keyPath = join(options.dataDir, 'self-signed-key.pem');
  if (existsSync(certPath) && existsSync(keyPath)) {
    const cert = readFileSync(certPath, 'utf8');
    if (new Date(new X509Certificate(cert).validTo).getTime() - Date.now() > RENEW_BEFORE_MS) {
      return { cert, key: readFileSync(keyPath, 'utf8'), selfSigned: true };
    }
  }
  const pair = await createSelfSigned();
  mkdirSync(options.dataDir, { recursive: true });
  writeFileSync(keyPath, pair.key, { mode: 0o600 });
  writeFileSync(certPath, pair.cert);
  return { ...pair, selfSigned: true };
}
