// Which broker certificate to trust when the command line names none. A broker started on this
// machine without FELIX_TLS_CERT keeps its self-signed certificate in its data directory
// (local-broker.ts), so a client talking to localhost can pin that certificate without anyone
// copying a fingerprint around.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { localCandidates } from './local-broker.js';

/** Certificate files a broker on this machine would be using, most specific first. */
export function localCertificateCandidates(env: NodeJS.ProcessEnv, cwd: string): string[] {
  if (env.FELIX_TLS_CERT) return [resolve(cwd, env.FELIX_TLS_CERT)];
  return localCandidates('certificate', env, cwd);
}

/** The fingerprint of the first readable local broker certificate, with where it came from. */
export function localFingerprint(
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): { fingerprint: string; path: string } | undefined {
  for (const path of localCertificateCandidates(env, cwd)) {
    let pem: string;
    try {
      pem = readFileSync(path, 'utf8');
    } catch {
      continue;
    }
    try {
      // Lowercase hex with colons: the form the broker prints and clients pin.
      return { fingerprint: new X509Certificate(pem).fingerprint256.toLowerCase(), path };
    } catch {
      // Not a certificate (a half-written file, something else): look further.
    }
  }
  return undefined;
}
