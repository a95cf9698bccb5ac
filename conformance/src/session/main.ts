// `npm run conformance -- --session <url>`: the session scenarios against a running broker.
import { loadSpec } from '@felix/spec';
import { loadOurVectors, loadUpstreamVectors } from '../vectors.js';
import { unreachableFromHere } from './connect.js';
import { formatSessionResults, runSessionConformance, type SessionContext } from './scenarios.js';
import { parseSessionTarget, SessionTargetError } from './target.js';

/** The frame vectors and the known differences, both from the spec. */
export function sessionContext(): SessionContext {
  const spec = loadSpec();
  return {
    vectors: [...loadUpstreamVectors(spec), ...loadOurVectors()],
    knownDifferences: spec.sessions.known_differences,
  };
}

/** Runs every scenario against the broker at `url`, prints the results; the exit code (0 all passed, skipped or known). */
export async function runSessionCommand(url: string): Promise<number> {
  const target = parseSessionTarget(url);
  const why = unreachableFromHere(target);
  if (why !== undefined) throw new SessionTargetError(why);
  const results = await runSessionConformance(target, sessionContext());
  console.log(formatSessionResults(target, results));
  return results.some((r) => r.outcome.status === 'fail') ? 1 : 0;
}
