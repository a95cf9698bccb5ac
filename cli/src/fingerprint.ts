// Which broker certificate to trust when the command line names none. A broker started on this
// machine without FELIX_TLS_CERT keeps its self-signed certificate in its data directory
// (FELIX_DATA_DIR, `.felix-data` under the directory it was started in; `npm start` starts it
// at the repository root), so a client talking to localhost can pin that certificate without
// anyone copying a fingerprint around.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';

const SELF_SIGNED_CERT = 'self-signed-cert.pem';
const DEFAULT_DATA_DIR = '.felix-data';

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** The repository this CLI belongs to: where `npm start` runs the broker. */
function repositoryRoot(): string | undefined {
  try {
    return dirname(dirname(createRequire(import.meta.url).resolve('@felix/cli/package.json')));
  } catch {
    return undefined;
  }
}

/** Certificate files a broker on this machine would be using, most specific first. */
export function localCertificateCandidates(env: NodeJS.ProcessEnv, cwd: string): string[] {
  if (env.FELIX_TLS_CERT) return [resolve(cwd, env.FELIX_TLS_CERT)];
  const dataDir = env.FELIX_DATA_DIR || DEFAULT_DATA_DIR;
  if (isAbsolute(dataDir)) return [join(dataDir, SELF_SIGNED_CERT)];
  const roots = [cwd, repositoryRoot()].filter((r): r is string => r !== undefined);
  return [...new Set(roots.map((root) => resolve(root, dataDir, SELF_SIGNED_CERT)))];
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
