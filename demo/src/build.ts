// Bundles the demo page for browsers ahead of time: the page script with the browser build of
// @felix/client, next to its HTML. The broker serves the result as static files (its demoDir
// setting), so it needs neither esbuild nor the client at run time.

import { existsSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

// Found through package resolution, not import.meta.url, so the page sources are found whether
// this module runs from its source (tsx) or is bundled into a test.
const DEMO_ROOT = dirname(realpathSync(createRequire(import.meta.url).resolve('@felix/demo/package.json')));
const PAGE_DIR = join(DEMO_ROOT, 'src', 'page');

/** Where `npm run build -w demo` writes the page, and what `npm start` serves. */
export const DEFAULT_OUT_DIR = join(DEMO_ROOT, 'dist');

// What the last build read (esbuild's metafile inputs), kept beside its output so the next build
// can tell whether anything changed. `npm start` builds first, and must work on a read-only
// tree once the page is built: an up-to-date page is not written again.
const INPUTS_FILE = '.inputs.json';

function upToDate(outDir: string): boolean {
  const outputs = ['app.js', 'index.html', INPUTS_FILE].map((f) => join(outDir, f));
  if (!outputs.every((f) => existsSync(f))) return false;
  const builtAt = Math.min(...outputs.map((f) => statSync(f).mtimeMs));
  const inputs: string[] = JSON.parse(readFileSync(join(outDir, INPUTS_FILE), 'utf8'));
  return [...inputs, join(PAGE_DIR, 'index.html')].every((f) => existsSync(f) && statSync(f).mtimeMs <= builtAt);
}

/**
 * Writes index.html and app.js into `outDir`, creating it if needed; returns false without
 * writing when they are newer than everything they were built from.
 */
export async function buildDemo(outDir: string = DEFAULT_OUT_DIR): Promise<boolean> {
  if (upToDate(outDir)) return false;
  await mkdir(outDir, { recursive: true });
  const result = await build({
    entryPoints: [join(PAGE_DIR, 'app.ts')],
    outfile: join(outDir, 'app.js'),
    absWorkingDir: DEMO_ROOT,
    metafile: true,
    bundle: true,
    // The "browser" export condition: @felix/client and the WebTransport library's ponyfill build.
    platform: 'browser',
    // felix-source: bundle the workspaces' sources, so the page needs no prior `npm run build`.
    conditions: ['felix-source', 'module'],
    format: 'esm',
    target: 'es2022',
    minify: true,
    logLevel: 'warning',
    banner: { js: '// Felix demo page script, bundled from demo/src/page/app.ts' },
  });
  await copyFile(join(PAGE_DIR, 'index.html'), join(outDir, 'index.html'));
  const inputs = Object.keys(result.metafile.inputs).map((f) => join(DEMO_ROOT, f));
  writeFileSync(join(outDir, INPUTS_FILE), `${JSON.stringify(inputs)}\n`);
  return true;
}
