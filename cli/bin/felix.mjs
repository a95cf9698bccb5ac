#!/usr/bin/env node
// The felix command. Its TypeScript sources run from a bundle kept between runs (run-cached.mjs),
// rebuilt only when one of them changed.
import { fileURLToPath } from 'node:url';
import { runCached } from './run-cached.mjs';

await runCached(fileURLToPath(new URL('../src/main.ts', import.meta.url)), process.argv.slice(2), {
  treeShakeWorkspaces: true,
});
