// Runs a TypeScript entry point the way scripts/run.mjs does (esbuild bundles the @felix/*
// workspace code, npm packages stay external, Node runs the result in this process), but keeps
// the bundle between runs so a command starts without paying for a build. The bundle sits next
// to its entry, like run.mjs's, so the entry's import.meta.url-relative paths and its package
// resolution behave the same (the chunks its dynamic imports become go in a folder beside it);
// its first line lists every input file with a hash of its content, and a run whose inputs all
// still hash the same imports it straight away.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const MANIFEST_PREFIX = '// felix-cached-bundle v2 ';

const contentHash = (path) => createHash('sha1').update(readFileSync(path)).digest('base64url');

/** The bundle was built with these options and its recorded inputs still hash the same. */
function upToDate(bundlePath, treeShakeWorkspaces) {
  let firstLine;
  try {
    const text = readFileSync(bundlePath, 'utf8');
    firstLine = text.slice(0, text.indexOf('\n'));
  } catch {
    return false;
  }
  if (!firstLine.startsWith(MANIFEST_PREFIX)) return false;
  let manifest;
  try {
    manifest = JSON.parse(firstLine.slice(MANIFEST_PREFIX.length));
  } catch {
    return false;
  }
  if (manifest.treeShakeWorkspaces !== treeShakeWorkspaces || typeof manifest.inputs !== 'object') return false;
  const { inputs } = manifest;
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

const RESOLVING = Symbol('resolving');

/**
 * Lets esbuild leave out workspace modules none of whose exports are used, with the npm
 * packages they import. Without it, a command that only speaks TLS would still load, through
 * @felix/transport's index, the X.509 library that only certificate generation needs (hundreds
 * of milliseconds per start). Safe for our sources: none is imported for its side effects alone,
 * and a module whose exports are used keeps all of its top-level code.
 */
const unusedWorkspaceModulesDropped = {
  name: 'unused-workspace-modules-dropped',
  setup(b) {
    b.onResolve({ filter: /^(\.|@felix\/)/ }, async (a) => {
      if (a.pluginData === RESOLVING) return undefined;
      const resolved = await b.resolve(a.path, {
        kind: a.kind,
        importer: a.importer,
        resolveDir: a.resolveDir,
        pluginData: RESOLVING,
      });
      if (resolved.errors.length > 0 || resolved.external || resolved.path.includes('/node_modules/')) return undefined;
      return { path: resolved.path, sideEffects: false };
    });
  },
};

/** Chunks older than this that the current build does not use are removed. */
const STALE_CHUNK_MS = 10 * 60_000;

/** Writes a file whole or not at all, so processes starting together never import half of one. */
function writeAtomically(path, text) {
  const partial = `${path}.${process.pid}.partial.run.mjs`;
  writeFileSync(partial, text);
  try {
    renameSync(partial, path);
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
}

function removeStaleChunks(chunkDir, keep) {
  let names;
  try {
    names = readdirSync(chunkDir);
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(chunkDir, name);
    if (keep.has(path)) continue;
    try {
      // A process started from the previous build may still import its chunks lazily.
      if (Date.now() - statSync(path).mtimeMs > STALE_CHUNK_MS) rmSync(path, { force: true });
    } catch {
      // gone already
    }
  }
}

async function build(entryPath, bundlePath, treeShakeWorkspaces) {
  // Loaded only when a bundle has to be made, so a cached start does not pay for esbuild.
  const { build: esbuild } = await import('esbuild');
  const workDir = dirname(entryPath);
  const name = basename(entryPath, '.ts');
  const result = await esbuild({
    entryPoints: [entryPath],
    absWorkingDir: workDir,
    bundle: true,
    // Dynamic imports become chunks loaded on demand, so a command loads only what it uses.
    splitting: true,
    write: false,
    outdir: workDir,
    entryNames: `.[name].cached.run`,
    chunkNames: `.${name}.chunks/[name]-[hash].run`,
    outExtension: { '.js': '.mjs' },
    metafile: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    plugins: treeShakeWorkspaces ? [unusedWorkspaceModulesDropped, externalPackages] : [externalPackages],
  });
  const dir = dirname(bundlePath);
  const inputs = {};
  for (const input of Object.keys(result.metafile.inputs)) {
    const absolute = resolve(workDir, input);
    inputs[relative(dir, absolute)] = contentHash(absolute);
  }
  const entry = result.outputFiles.find((f) => f.path === bundlePath);
  if (!entry) throw new Error(`esbuild produced no ${bundlePath}`);
  const chunkDir = join(workDir, `.${name}.chunks`);
  const chunks = result.outputFiles.filter((f) => f !== entry);
  if (chunks.length > 0) mkdirSync(chunkDir, { recursive: true });
  // Chunks first: the entry, written last, is what makes the new build visible.
  for (const chunk of chunks) writeAtomically(chunk.path, chunk.text);
  writeAtomically(bundlePath, `${MANIFEST_PREFIX}${JSON.stringify({ treeShakeWorkspaces, inputs })}\n${entry.text}`);
  removeStaleChunks(chunkDir, new Set(chunks.map((c) => c.path)));
}

/**
 * The path of an up-to-date bundle of `entryPath`, built when needed. `treeShakeWorkspaces`
 * leaves out workspace modules whose exports go unused (see above); without it the bundle
 * holds what scripts/run.mjs would run.
 */
export async function cachedBundle(entryPath, { treeShakeWorkspaces = false } = {}) {
  const entry = resolve(entryPath);
  const bundlePath = join(dirname(entry), `.${basename(entry, '.ts')}.cached.run.mjs`);
  if (!upToDate(bundlePath, treeShakeWorkspaces)) await build(entry, bundlePath, treeShakeWorkspaces);
  return bundlePath;
}

/** Runs `entryPath` in this process with `args` as its command-line arguments. */
export async function runCached(entryPath, args, options = {}) {
  const bundlePath = await cachedBundle(entryPath, options);
  process.argv = [process.argv[0], resolve(entryPath), ...args];
  await import(pathToFileURL(bundlePath).href);
}
