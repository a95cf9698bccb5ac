// A project outside the repository that installs the published workspaces from the tarballs
// `npm pack` makes of them, the way a user's project would get them from the registry: nothing
// of the repository is reachable from it, so it runs only what the packages ship and declare.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { publishableWorkspaces, ROOT, readManifest } from '../packages.mjs';

const run = promisify(execFile);

/**
 * This environment without npm's per-run settings (an `npm test` passes its own to children) and
 * without NODE_OPTIONS, so the scratch project's npm and Node behave as in a fresh shell.
 */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || key === 'NODE_OPTIONS') continue;
    if (key.toLowerCase().startsWith('npm_') && !/^npm_config_(cache|registry)$/i.test(key)) continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

export interface ScratchProject {
  /** The project folder; its node_modules holds the installed packages. */
  dir: string;
  /** Package name → tarball file, as packed. */
  tarballs: Record<string, string>;
  /** Runs a command in the project folder; rejects on a non-zero exit with its output. */
  exec(file: string, args: string[], env?: Record<string, string>): Promise<{ stdout: string; stderr: string }>;
  remove(): void;
}

/** Packs every publishable workspace (built already) and installs the tarballs in a new project. */
export async function createScratchProject(): Promise<ScratchProject> {
  const base = mkdtempSync(join(tmpdir(), 'felix-packaging-'));
  const exec = async (cwd: string, file: string, args: string[], env: Record<string, string> = {}) => {
    try {
      return await run(file, args, { cwd, env: cleanEnv(env), encoding: 'utf8', maxBuffer: 64 << 20 });
    } catch (error) {
      const e = error as { message: string; stdout?: string; stderr?: string };
      throw new Error(`${file} ${args.join(' ')} failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
    }
  };
  try {
    const tarballDir = join(base, 'tarballs');
    mkdirSync(tarballDir);
    const workspaces = publishableWorkspaces().map((dir) => relative(ROOT, dir));
    const { stdout } = await exec(ROOT, 'npm', [
      'pack',
      '--json',
      '--pack-destination',
      tarballDir,
      ...workspaces.flatMap((w) => ['--workspace', w]),
    ]);
    const packed = JSON.parse(stdout) as { name: string; filename: string }[];
    const tarballs = Object.fromEntries(packed.map((p) => [p.name, join(tarballDir, p.filename)]));

    const dir = join(base, 'project');
    mkdirSync(dir);
    // Every tarball a direct dependency: the packages' dependencies on each other name versions
    // no registry has, which the installed tarballs satisfy.
    writeFileSync(
      join(dir, 'package.json'),
      `${JSON.stringify(
        {
          name: 'felix-packaging-scratch',
          private: true,
          type: 'module',
          dependencies: Object.fromEntries(Object.entries(tarballs).map(([name, file]) => [name, `file:${file}`])),
        },
        null,
        2,
      )}\n`,
    );
    // Third-party packages come from npm's cache when it has them (the repository's install filled it).
    await exec(dir, 'npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error']);
    for (const name of Object.keys(tarballs))
      if (readManifest(join(dir, 'node_modules', name)).name !== name) throw new Error(`${name} was not installed`);
    return {
      dir,
      tarballs,
      exec: (file, args, env) => exec(dir, file, args, env),
      remove: () => rmSync(base, { recursive: true, force: true }),
    };
  } catch (error) {
    rmSync(base, { recursive: true, force: true });
    throw error;
  }
}
