#!/usr/bin/env node
// `npm run lint:packages`: checks every publishable workspace (one whose package.json is not
// "private") as it would be published, after `npm run build`:
//   - publint: package.json fields and exports against the files `npm pack` would ship;
//   - @arethetypeswrong/cli: every export resolves to JavaScript and declarations alike, under
//     the ESM-only profile (the packages are ESM by design; CommonJS consumers use import());
//   - dependencies: every package the built JavaScript imports or requires is declared, and no
//     declared @felix/* dependency is a private workspace (it could not be installed).
// Exits 1 listing every problem; `--only a,b` limits it to those workspace folders.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import ts from 'typescript';
import { publishableWorkspaces, ROOT, readManifest, workspaces } from './packages.mjs';

const require = createRequire(import.meta.url);
const ATTW = require.resolve('@arethetypeswrong/cli/package.json').replace(/package\.json$/, 'dist/index.js');

/** Problems publint reports at warning level or worse, as lines. */
async function publintProblems(dir) {
  const pkg = readManifest(dir);
  const { messages } = await publint({ pkgDir: dir, level: 'warning', strict: true, pack: 'npm' });
  return messages.map((m) => `publint: ${formatMessage(m, pkg) ?? m.code}`);
}

/** What attw reports, when it reports anything. */
function attwProblems(dir) {
  const run = spawnSync(process.execPath, [ATTW, '--pack', dir, '--profile', 'esm-only', '--format', 'ascii'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (run.status === 0) return [];
  return [`attw (exit ${run.status}):\n${`${run.stdout}${run.stderr}`.trim()}`];
}

function jsFiles(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return jsFiles(path);
    return /\.(m|c)?js$/.test(e.name) ? [path] : [];
  });
}

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`; relative and node: specifiers → undefined. */
function packageName(specifier) {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return undefined;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  return builtinModules.includes(name) ? undefined : name;
}

/** Undeclared imports of the built code, and declared workspace dependencies that cannot be published. */
function dependencyProblems(dir, privateNames) {
  const pkg = readManifest(dir);
  const declared = new Set([
    pkg.name,
    ...Object.keys(pkg.dependencies ?? {}),
    ...Object.keys(pkg.peerDependencies ?? {}),
    ...Object.keys(pkg.optionalDependencies ?? {}),
  ]);
  const problems = [];
  for (const file of jsFiles(join(dir, 'dist'))) {
    // Static and dynamic imports and require() calls, as TypeScript's own scanner finds them.
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName } of importedFiles) {
      const name = packageName(fileName);
      if (name && !declared.has(name))
        problems.push(`dependencies: ${relative(dir, file)} imports ${fileName}, which package.json does not declare`);
    }
  }
  for (const name of Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies }))
    if (privateNames.has(name)) problems.push(`dependencies: ${name} is a private workspace; it cannot be installed`);
  return problems;
}

const { values } = parseArgs({ options: { only: { type: 'string' } } });
const only = values.only?.split(',');
const privateNames = new Set(
  workspaces()
    .map(readManifest)
    .filter((p) => p.private)
    .map((p) => p.name),
);
let failed = 0;
for (const dir of publishableWorkspaces()) {
  const folder = relative(ROOT, dir);
  if (only && !only.includes(folder)) continue;
  const problems = [...(await publintProblems(dir)), ...attwProblems(dir), ...dependencyProblems(dir, privateNames)];
  if (problems.length === 0) {
    console.log(`ok  ${readManifest(dir).name} (${folder})`);
    continue;
  }
  failed++;
  console.log(`BAD ${readManifest(dir).name} (${folder})`);
  for (const p of problems) console.log(`    ${p.replaceAll('\n', '\n    ')}`);
}
if (failed > 0) {
  console.error(`lint:packages: ${failed} package(s) with problems`);
  process.exit(1);
}
