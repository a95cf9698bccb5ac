#!/usr/bin/env node
// The felix command: runs the CLI as `npm run build` compiled it into dist/. A launcher rather
// than a bin entry pointing into dist/ itself: npm links bins at install time, and in a fresh
// clone dist/ does not exist then, so no link to it would be made.
import { existsSync } from 'node:fs';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('felix: not built yet: run `npm run build` at the repository root\n');
  process.exit(1);
}
await import(main.href);
