// The credential a command presents when the command line gives none. A broker on this machine
// writes a development token (tenant t1, every right) into its data directory (local-broker.ts),
// so talking to it needs no token copied around, as its certificate needs no fingerprint. The
// file is only read for a loopback URL: a remote broker never gets the local one's token.
import { readFileSync } from 'node:fs';
import { isLoopback, localCandidates } from './local-broker.js';

/** The first non-empty local dev token, with where it came from. */
export function localDevToken(
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): { token: string; path: string } | undefined {
  for (const path of localCandidates('devToken', env, cwd)) {
    let token: string;
    try {
      token = readFileSync(path, 'utf8').trim();
    } catch {
      continue;
    }
    // An empty file (one being written, say) is no token: look further.
    if (token !== '') return { token, path };
  }
  return undefined;
}

/**
 * The token to present to a broker at `host`: the one given (`--token`/FELIX_TOKEN; an empty one
 * means none), else a local broker's dev token for a loopback host, else none.
 */
export function tokenFor(
  host: string,
  given: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): string | undefined {
  if (given !== undefined) return given === '' ? undefined : given;
  return isLoopback(host) ? localDevToken(env, cwd)?.token : undefined;
}
