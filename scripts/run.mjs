#!/usr/bin/env node
// Runs a TypeScript entry point as plain JavaScript: esbuild bundles the @felix/* workspace
// code (npm packages stay external) and Node runs the result in this process. Unlike tsx,
// the output carries no keepNames wrappers, so hot paths run as they would in production.
// Usage: node scripts/run.mjs <entry.ts> [args…]
import { rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run.mjs <entry.ts> [args…]');
  process.exit(2);
}
const entryPath = resolve(entry);
// Next to the entry, so the entry's own import.meta.url-relative paths still resolve.
// The process id keeps concurrent runs of the same entry (parallel tests) from sharing a file.
const outfile = join(dirname(entryPath), `.${basename(entryPath, '.ts')}.${process.pid}.run.mjs`);

const externalPackages = {
  name: 'external-packages',
  setup(b) {
    // Bare imports are npm packages, loaded by Node as installed; only our workspaces are bundled.
    b.onResolve({ filter: /^[^./]/ }, (a) =>
      a.path.startsWith('@felix/') ? undefined : { path: a.path, external: true },
    );
  },
};

await build({
  entryPoints: [entryPath],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'inline',
  logLevel: 'warning',
  plugins: [externalPackages],
});
process.argv = [process.argv[0], entryPath, ...args];
// An entry that ends with process.exit() never reaches the finally below.
process.on('exit', () => rmSync(outfile, { force: true }));
try {
  await import(pathToFileURL(outfile).href);
} finally {
  // Once evaluated, the module lives in memory; the file is no longer needed.
  rmSync(outfile, { force: true });
}
