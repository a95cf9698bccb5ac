// Reads a V8 .cpuprofile (node --cpu-prof) and lists the functions with the most self time, so
// a profile of the broker under the comparison's load can be read without opening DevTools.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

export interface HotFunction {
  name: string;
  where: string;
  selfPct: number;
}

export function hottestFunctions(profilePath: string, top = 25): HotFunction[] {
  const profile = JSON.parse(readFileSync(profilePath, 'utf8')) as { nodes: ProfileNode[] };
  const byFunction = new Map<string, HotFunction & { hits: number }>();
  let total = 0;
  for (const node of profile.nodes) {
    // Shares of the time the process was doing something: waiting is not a cost.
    if (node.callFrame.functionName === '(idle)') continue;
    const hits = node.hitCount ?? 0;
    total += hits;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.replace(/^file:\/\//, '').replace(/.*\/node_modules\//, '');
    const where = file ? `${file.split('/').slice(-2).join('/')}:${lineNumber + 1}` : '';
    const key = `${functionName}@${where}`;
    const entry = byFunction.get(key) ?? { name: functionName || '(anonymous)', where, selfPct: 0, hits: 0 };
    entry.hits += hits;
    byFunction.set(key, entry);
  }
  return [...byFunction.values()]
    .sort((a, b) => b.hits - a.hits)
    .slice(0, top)
    .map(({ name, where, hits }) => ({ name, where, selfPct: total ? (100 * hits) / total : 0 }));
}
