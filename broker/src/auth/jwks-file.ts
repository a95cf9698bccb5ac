// A JWKS file trusted for every tenant: the dev default and single-operator setups. The file is
// re-read when it changes, so adding or removing a key needs no restart, and once more when a
// token names a kid it does not hold, in case the change landed within one timestamp tick.
import { readFile, stat } from 'node:fs/promises';
import type { CryptoKey } from 'jose';
import { AuthError, quoteUntrusted } from './errors.js';
import { importJwksText } from './jwks.js';
import type { KeySource } from './keys.js';

export interface JwksFileOptions {
  path: string;
  /** Least time between two re-reads forced by unknown kids (default 1 s), so they cannot make it spin. */
  minReloadIntervalMs?: number;
  /** Milliseconds since the epoch; tests pass a fake clock. */
  now?: () => number;
  /** Told about skipped keys and failed re-reads (the previous keys stay in use after one). */
  onProblem?: (message: string) => void;
}

interface Loaded {
  keys: ReadonlyMap<string, CryptoKey>;
  /** Identity of the file version the keys came from. */
  version: string;
}

export class JwksFileKeySource implements KeySource {
  private loaded: Loaded | undefined;
  private loading: Promise<void> | undefined;
  private lastForcedReloadAt = Number.NEGATIVE_INFINITY;
  private lastProblem: string | undefined;
  private readonly minReloadIntervalMs: number;
  private readonly now: () => number;

  constructor(private readonly options: JwksFileOptions) {
    this.minReloadIntervalMs = options.minReloadIntervalMs ?? 1000;
    this.now = options.now ?? Date.now;
  }

  /** Reads the file now; throws AuthError `keys_unavailable` if it cannot be read or is no JWKS. */
  async load(): Promise<void> {
    await this.reload(true);
  }

  async keyFor(_tenant: string, kid: string): Promise<CryptoKey> {
    await this.reloadIfChanged();
    const key = this.loaded?.keys.get(kid);
    if (key !== undefined) return key;
    const now = this.now();
    if (now - this.lastForcedReloadAt >= this.minReloadIntervalMs) {
      this.lastForcedReloadAt = now;
      await this.reload(false);
      const reloaded = this.loaded?.keys.get(kid);
      if (reloaded !== undefined) return reloaded;
    }
    throw new AuthError('unknown_key', `kid ${quoteUntrusted(kid)}`);
  }

  private async reloadIfChanged(): Promise<void> {
    if (this.loaded === undefined) return this.reload(true);
    let version: string;
    try {
      version = await this.version();
    } catch (err) {
      this.report(`JWKS file ${this.options.path}: ${(err as Error).message}; keeping the keys read before`);
      return;
    }
    if (version !== this.loaded.version) await this.reload(false);
  }

  /** One read at a time; callers arriving meanwhile share it. */
  private reload(mustSucceed: boolean): Promise<void> {
    this.loading ??= this.read().finally(() => {
      this.loading = undefined;
    });
    return this.loading.catch((err: unknown) => {
      if (mustSucceed || this.loaded === undefined) throw err;
      this.report(`${(err as Error).message}; keeping the keys read before`);
    });
  }

  private async read(): Promise<void> {
    const { path } = this.options;
    let version: string;
    let text: string;
    try {
      // Stat first: if the file is replaced between the calls, the next check sees a new version
      // and reads again, rather than keeping new keys under an old version.
      version = await this.version();
      text = await readFile(path, 'utf8');
    } catch (err) {
      throw new AuthError(
        'keys_unavailable',
        `cannot read JWKS file ${path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`,
        {
          cause: err,
        },
      );
    }
    let imported: Awaited<ReturnType<typeof importJwksText>>;
    try {
      imported = await importJwksText(text);
    } catch (err) {
      if (err instanceof AuthError) throw new AuthError('keys_unavailable', `JWKS file ${path}: ${err.detail}`);
      throw err;
    }
    for (const problem of imported.ignored) this.report(`JWKS file ${path}: ${problem}`);
    this.loaded = { keys: imported.keys, version };
    this.lastProblem = undefined;
  }

  /** Says each problem once while it lasts, not once per token that runs into it. */
  private report(message: string): void {
    if (message === this.lastProblem) return;
    this.lastProblem = message;
    this.options.onProblem?.(message);
  }

  private async version(): Promise<string> {
    const info = await stat(this.options.path, { bigint: true });
    return `${info.dev}:${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`;
  }
}
