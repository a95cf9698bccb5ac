// Where a broker on this machine keeps what a client may pick up without being told: its
// self-signed certificate and, under auth/, its signing key, JWKS and development token. The
// broker keeps them in its data directory: FELIX_DATA_DIR, by default `.felix-data` under the
// directory it was started in, and `npm start` starts it at the repository root, so a relative
// data directory is looked for in both places. Every lookup of those files goes through here.
import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';

const DEFAULT_DATA_DIR = '.felix-data';

/** The broker's auth files, as kept in its data directory's auth/ and written by `felix token keygen`. */
export const AUTH_FILES = {
  signingKey: 'signing-key.jwk',
  jwks: 'jwks.json',
  devToken: 'dev-token.jwt',
} as const;

/** The files a local broker's data directory holds, relative to it. */
const DATA_DIR_FILES = {
  certificate: 'self-signed-cert.pem',
  signingKey: join('auth', AUTH_FILES.signingKey),
  jwks: join('auth', AUTH_FILES.jwks),
  devToken: join('auth', AUTH_FILES.devToken),
} as const;

export type DataDirFile = keyof typeof DATA_DIR_FILES;

/** Whether a URL host names this machine: only then are the data directory's files trusted. */
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

/** Data directories a broker on this machine would be using, most specific first. */
export function localDataDirs(env: NodeJS.ProcessEnv, cwd: string): string[] {
  const dataDir = env.FELIX_DATA_DIR || DEFAULT_DATA_DIR;
  if (isAbsolute(dataDir)) return [dataDir];
  const roots = [cwd, repositoryRoot()].filter((r): r is string => r !== undefined);
  return [...new Set(roots.map((root) => resolve(root, dataDir)))];
}

/** Where `file` would be in each local data directory, most specific first. */
export function localCandidates(file: DataDirFile, env: NodeJS.ProcessEnv, cwd: string): string[] {
  return localDataDirs(env, cwd).map((dir) => join(dir, DATA_DIR_FILES[file]));
}

/** The first of the local candidates for `file` that can be read. */
export function firstLocal(file: DataDirFile, env: NodeJS.ProcessEnv, cwd: string): string | undefined {
  return localCandidates(file, env, cwd).find((path) => {
    try {
      accessSync(path, constants.R_OK);
      return true;
    } catch {
      return false;
    }
  });
}
