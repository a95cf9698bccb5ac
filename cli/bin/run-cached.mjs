// Runs a TypeScript entry point the way scripts/run.mjs does (esbuild bundles the @felix/*
// workspace code, npm packages stay external, Node runs the result in this process), but keeps
// the bundle between runs so a command starts without paying for a build. The bundle sits next
// to its entry, like run.mjs's, so the entry's import.meta.url-relative paths and its package
// resolution behave the same; its first line lists every input file with a hash of its content,
// and a run whose inputs all still hash the same imports it straight away.
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const MANIFEST_PREFIX = '// felix-cached-bundle v1 ';

const contentHash = (path) => createHash('sha1').update(readFileSync(path)).digest('base64url');

/** The bundle's recorded inputs still hash the same. */
function upToDate(bundlePath) {
  let firstLine;
  try {
    const text = readFileSync(bundlePath, 'utf8');
    firstLine = text.slice(0, text.indexOf('\n'));
  } catch {
    return false;
  }
  if (!firstLine.startsWith(MANIFEST_PREFIX)) return false;
  let inputs;
  try {
    inputs = JSON.parse(firstLine.slice(MANIFEST_PREFIX.length));
  } catch {
    return false;
  }
  const dir = dirname(bundlePath);
  for (const [path, hash] of Object.entries(inputs)) {
    try {
      if (contentHash(join(dir, path)) !== hash) return false;
    } catch {
      return false;
    }
  }
  return true;
}

const externalPackages = {
  name: 'external-packages',
  setup(b) {
    // Bare imports are npm packages, loaded by Node as installed; only our workspaces are bundled.
    b.onResolve({ filter: /^[^./]/ }, (a) =>
      a.path.startsWith('@felix/') ? undefined : { path: a.path, external: true },
    );
  },
};

async function build(entryPath, bundlePath) {
  // Loaded only when a bundle has to be made, so a cached start does not pay for esbuild.
  const { build: esbuild } = await import('esbuild');
  const workDir = dirname(entryPath);
  const result = await esbuild({
    entryPoints: [entryPath],
    absWorkingDir: workDir,
    bundle: true,
    write: false,
    outfile: bundlePath,
    metafile: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    plugins: [externalPackages],
  });
  const dir = dirname(bundlePath);
  const inputs = {};
  for (const input of Object.keys(result.metafile.inputs)) {
    const absolute = resolve(workDir, input);
    inputs[relative(dir, absolute)] = contentHash(absolute);
  }
  const code = result.outputFiles.find((f) => f.path === bundlePath)?.text;
  if (code === undefined) throw new Error(`esbuild produced no ${bundlePath}`);
  // Written aside and renamed, so processes starting together never import a half-written file.
  const partial = join(dir, `.${basename(bundlePath, '.run.mjs')}.${process.pid}.partial.run.mjs`);
  writeFileSync(partial, `${MANIFEST_PREFIX}${JSON.stringify(inputs)}\n${code}`);
  try {
    renameSync(partial, bundlePath);
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
}

/** The path of an up-to-date bundle of `entryPath`, built when needed. */
export async function cachedBundle(entryPath) {
  const entry = resolve(entryPath);
  const bundlePath = join(dirname(entry), `.${basename(entry, '.ts')}.cached.run.mjs`);
  if (!upToDate(bundlePath)) await build(entry, bundlePath);
  return bundlePath;
}

/** Runs `entryPath` in this process with `args` as its command-line arguments. */
export async function runCached(entryPath, args) {
  const bundlePath = await cachedBundle(entryPath);
  process.argv = [process.argv[0], resolve(entryPath), ...args];
  await import(pathToFileURL(bundlePath).href);
}
