// `npm run conformance -- --session <url>`: the session scenarios against a running broker.
import { loadSpec } from '@felix/spec';
import { loadOurVectors, loadUpstreamVectors } from '../vectors.js';
import { formatSessionResults, runSessionConformance } from './scenarios.js';
import { parseSessionTarget } from './target.js';

/** Runs every scenario against the broker at `url`, prints the results; the exit code (0 all passed or skipped). */
export async function runSessionCommand(url: string): Promise<number> {
  const target = parseSessionTarget(url);
  const vectors = [...loadUpstreamVectors(loadSpec()), ...loadOurVectors()];
  const results = await runSessionConformance(target, vectors);
  console.log(formatSessionResults(target, results));
  return results.some((r) => r.outcome.status === 'fail') ? 1 : 0;
}
