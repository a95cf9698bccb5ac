// Runs the felix command as users do (the bin, as a child process) and waits on its output,
// each run bounded in time.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const FELIX = fileURLToPath(new URL('../bin/felix.mjs', import.meta.url));

/** This process's environment without FELIX_* settings, so a developer's shell cannot leak in. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('FELIX_') && v !== undefined) env[k] = v;
  return { ...env, ...extra };
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface Running {
  proc: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves once `pattern` shows up on stdout or stderr; rejects if the process exits first or after timeoutMs. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  finished: Promise<Finished>;
}

export function startFelix(
  args: string[],
  options: { env?: Record<string, string>; input?: string; timeoutMs?: number } = {},
): Running {
  const proc = spawn(process.execPath, [FELIX, ...args], {
    env: options.env ?? cleanEnv(),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  proc.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  proc.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  if (options.input !== undefined) proc.stdin!.end(options.input);
  else proc.stdin!.end();
  const limit = options.timeoutMs ?? 30_000;
  const killer = setTimeout(() => proc.kill('SIGKILL'), limit);
  const finished = new Promise<Finished>((resolve) =>
    proc.once('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr });
    }),
  );
  return {
    proc,
    stdout: () => stdout,
    stderr: () => stderr,
    finished,
    waitFor: (pattern, timeoutMs = 20_000) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (pattern.test(stdout) || pattern.test(stderr)) {
            cleanup();
            resolve();
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`${pattern} not seen within ${timeoutMs} ms; stdout: ${stdout}; stderr: ${stderr}`));
        }, timeoutMs);
        const exited = () => {
          cleanup();
          reject(new Error(`felix exited before ${pattern}; stdout: ${stdout}; stderr: ${stderr}`));
        };
        const cleanup = () => {
          clearTimeout(timer);
          proc.stdout!.off('data', check);
          proc.stderr!.off('data', check);
          proc.off('close', exited);
        };
        proc.stdout!.on('data', check);
        proc.stderr!.on('data', check);
        proc.once('close', exited);
        check();
      }),
  };
}

/** Runs felix to its end. */
export function felix(
  args: string[],
  options: { env?: Record<string, string>; input?: string; timeoutMs?: number } = {},
): Promise<Finished> {
  return startFelix(args, options).finished;
}
