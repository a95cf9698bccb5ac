// What the auth target counts while it runs, for its report.

export interface AuthStats {
  /** Auth frames sent, each on a session of its own. */
  attempts: number;
  accepted: number;
  refused: number;
  /** Per family of token or frame (valid, claims, time, alg, kid, …): how many were accepted and refused. */
  families: Map<string, { accepted: number; refused: number }>;
  /** Requests sent before auth, each answered with a refusal and the session closed. */
  beforeAuth: number;
  /** Second auths on an authenticated session. */
  reauths: number;
  /** Requests judged on authenticated sessions, by what the oracle expected and got. */
  allowed: number;
  forbidden: number;
  notFound: number;
  /** Sessions ended by their token's expiry while in use. */
  expired: number;
  connectFailures: number;
}

export function newAuthStats(): AuthStats {
  return {
    attempts: 0,
    accepted: 0,
    refused: 0,
    families: new Map(),
    beforeAuth: 0,
    reauths: 0,
    allowed: 0,
    forbidden: 0,
    notFound: 0,
    expired: 0,
    connectFailures: 0,
  };
}

export function countAuth(stats: AuthStats, family: string, accepted: boolean): void {
  stats.attempts++;
  if (accepted) stats.accepted++;
  else stats.refused++;
  let f = stats.families.get(family);
  if (!f) {
    f = { accepted: 0, refused: 0 };
    stats.families.set(family, f);
  }
  if (accepted) f.accepted++;
  else f.refused++;
}

export function familiesLine(stats: AuthStats): string {
  return [...stats.families]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, f]) => `${name} ${f.accepted}/${f.accepted + f.refused}`)
    .join(', ');
}
