#!/usr/bin/env node
// `npm run build`: compiles every workspace that tsconfig.build.json references into its dist/
// (tsc -b: in dependency order, incremental, so a build with nothing changed takes seconds), then
// copies the files under src/ that tsc does not emit (the ajv standalone validators and their
// declarations, HTML, CommonJS helpers) to the same place under dist/. dist/ mirrors src/ at the
// same depth, so code that finds files relative to its own module works from either.
// Nothing is written under src/.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SOLUTION = join(ROOT, 'tsconfig.build.json');

/** The workspace folders the build compiles, from the solution config's references. */
export function builtWorkspaces() {
  const { references } = JSON.parse(readFileSync(SOLUTION, 'utf8'));
  return references.map((r) => dirname(join(ROOT, r.path)));
}

/** A file tsc leaves out of dist/: anything but TypeScript sources, and declarations written by hand. */
const isAsset = (name) => !name.endsWith('.ts') || name.endsWith('.d.ts');

function sameContent(a, b) {
  try {
    return readFileSync(a).equals(readFileSync(b));
  } catch {
    return false;
  }
}

/** Copies src/'s assets into dist/; writes only what differs, so an unchanged build touches nothing. */
function copyAssets(workspace) {
  const src = join(workspace, 'src');
  const dist = join(workspace, 'dist');
  const copied = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      // Dot-files are editor and tool leftovers, never part of a package.
      if (entry.name.startsWith('.')) continue;
      const from = join(dir, entry.name);
      if (entry.isDirectory()) walk(from);
      else if (entry.isFile() && isAsset(entry.name)) {
        const to = join(dist, relative(src, from));
        if (sameContent(from, to)) continue;
        mkdirSync(dirname(to), { recursive: true });
        copyFileSync(from, to);
        copied.push(relative(ROOT, to));
      }
    }
  };
  walk(src);
  return copied;
}

/** Builds every workspace; throws when tsc reports errors. */
export function build({ quiet = false } = {}) {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const run = spawnSync(process.execPath, [tsc, '-b', SOLUTION], { cwd: ROOT, stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`tsc -b ${relative(ROOT, SOLUTION)} failed (exit ${run.status ?? run.signal})`);
  const copied = builtWorkspaces().flatMap(copyAssets);
  if (!quiet && copied.length > 0) console.log(`build: copied ${copied.length} asset(s): ${copied.join(', ')}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    build();
  } catch (error) {
    console.error(`build: ${error.message}`);
    process.exit(1);
  }
}
