// Runs every target over the spec and writes (or checks) the files they produce.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { loadSpec } from '@felix/spec';
import type { GeneratedFile, Target } from './target.js';
import { allTargets } from './targets/index.js';

export interface GenerateOptions {
  specDir?: string;
  outDir: string;
  targets?: Target[];
}

export interface GenerateResult {
  files: GeneratedFile[];
  /** Paths (relative to outDir) that differ from what is on disk, with check mode. */
  differences: string[];
}

function listFiles(root: string, dir: string): string[] {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(abs, { withFileTypes: true })) {
    const rel = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(root, rel));
    else out.push(rel);
  }
  return out;
}

function sameContents(path: string, contents: string | Uint8Array): boolean {
  if (!existsSync(path)) return false;
  const onDisk = readFileSync(path);
  const wanted = typeof contents === 'string' ? Buffer.from(contents, 'utf8') : Buffer.from(contents);
  return onDisk.equals(wanted);
}

export async function produce(specDir: string | undefined, targets: Target[] = allTargets): Promise<GeneratedFile[]> {
  const spec = loadSpec(specDir);
  const files: GeneratedFile[] = [];
  for (const target of targets) files.push(...(await target.generate(spec)));
  const seen = new Set<string>();
  for (const f of files) {
    if (seen.has(f.path)) throw new Error(`two targets write ${f.path}`);
    seen.add(f.path);
  }
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

/** Writes the generated files into outDir, removing stale files in the folders targets own. */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const targets = options.targets ?? allTargets;
  const files = await produce(options.specDir, targets);
  const wanted = new Set(files.map((f) => f.path));
  const differences: string[] = [];
  for (const owned of targets.flatMap((t) => t.owns)) {
    for (const stale of listFiles(options.outDir, owned)) {
      if (!wanted.has(stale)) {
        differences.push(stale);
        rmSync(join(options.outDir, stale));
      }
    }
  }
  for (const file of files) {
    const path = join(options.outDir, file.path);
    if (sameContents(path, file.contents)) continue;
    differences.push(relative(options.outDir, path));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.contents);
  }
  return { files, differences };
}

/** Reports what `generate` would change, touching nothing. */
export async function check(options: GenerateOptions): Promise<string[]> {
  const targets = options.targets ?? allTargets;
  const files = await produce(options.specDir, targets);
  const wanted = new Set(files.map((f) => f.path));
  const differences = files.filter((f) => !sameContents(join(options.outDir, f.path), f.contents)).map((f) => f.path);
  for (const owned of targets.flatMap((t) => t.owns)) {
    for (const stale of listFiles(options.outDir, owned)) if (!wanted.has(stale)) differences.push(stale);
  }
  return differences.sort();
}
