// Per-tenant JWKS fetched from upstream's control plane. Keys are cached for a TTL; a kid that is
// not in the cache causes one refetch, and refetches of a tenant are at least
// `minRefreshIntervalMs` apart, so a flood of tokens with made-up kids costs one request per
// interval, not one per token. When the control plane is unreachable the last keys fetched stay in
// use: refusing every client during an outage of the control plane would be worse than honouring a
// key a few minutes past its TTL.
import type { CryptoKey } from 'jose';
import { AuthError, quoteUntrusted } from './errors.js';
import { importJwksText } from './jwks.js';
import type { KeySource } from './keys.js';

/** The path of upstream's tenant JWKS endpoint, with the tenant left as `{tenant}`. */
export const UPSTREAM_JWKS_PATH = '/v1/tenants/{tenant}/.well-known/jwks.json';

/** `https://cp.example` → `https://cp.example/v1/tenants/{tenant}/.well-known/jwks.json`. */
export function upstreamJwksUrlTemplate(controlPlaneUrl: string): string {
  return `${controlPlaneUrl.replace(/\/+$/, '')}${UPSTREAM_JWKS_PATH}`;
}

export interface JwksUrlOptions {
  /** An http(s) URL containing `{tenant}`, replaced by the URL-encoded tenant id. */
  urlTemplate: string;
  /** How long fetched keys are used before they are fetched again (default 5 min). */
  ttlMs?: number;
  /** Least time between two fetches for one tenant, whatever triggers them (default 10 s). */
  minRefreshIntervalMs?: number;
  /** Budget for one fetch, body included (default 5 s). */
  fetchTimeoutMs?: number;
  /** Largest JWKS body accepted (default 256 KiB). */
  maxBodyBytes?: number;
  /** Most tenants whose keys are cached; the least recently used are dropped (default 1024). */
  maxTenants?: number;
  /** Milliseconds since the epoch; tests pass a fake clock. */
  now?: () => number;
  fetch?: typeof fetch;
  /** Told about failed fetches and skipped keys. */
  onProblem?: (message: string) => void;
}

interface TenantKeys {
  keys: ReadonlyMap<string, CryptoKey> | undefined;
  fetchedAt: number;
  attemptedAt: number;
  lastError: AuthError | undefined;
  pending: Promise<void> | undefined;
}

const TENANT_PLACEHOLDER = '{tenant}';

export class JwksUrlKeySource implements KeySource {
  private readonly tenants = new Map<string, TenantKeys>();
  private readonly ttlMs: number;
  private readonly minRefreshIntervalMs: number;
  private readonly fetchTimeoutMs: number;
  private readonly maxBodyBytes: number;
  private readonly maxTenants: number;
  private readonly now: () => number;
  private readonly fetch: typeof fetch;

  /** Throws TypeError when the template is not an http(s) URL containing `{tenant}`. */
  constructor(private readonly options: JwksUrlOptions) {
    checkJwksUrlTemplate(options.urlTemplate);
    this.ttlMs = options.ttlMs ?? 300_000;
    this.minRefreshIntervalMs = options.minRefreshIntervalMs ?? 10_000;
    this.fetchTimeoutMs = options.fetchTimeoutMs ?? 5_000;
    this.maxBodyBytes = options.maxBodyBytes ?? 256 * 1024;
    this.maxTenants = options.maxTenants ?? 1024;
    this.now = options.now ?? Date.now;
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  /** The URL the keys of `tenant` are fetched from. */
  urlFor(tenant: string): string {
    return this.options.urlTemplate.replaceAll(TENANT_PLACEHOLDER, encodeURIComponent(tenant));
  }

  async keyFor(tenant: string, kid: string): Promise<CryptoKey> {
    const entry = this.entry(tenant);
    const fresh = entry.keys !== undefined && this.now() - entry.fetchedAt < this.ttlMs;
    if (!fresh) await this.refresh(tenant, entry);
    if (entry.keys === undefined) {
      // A new error each time: the stored one may already be on its way up another session's stack.
      const last = entry.lastError;
      throw new AuthError('keys_unavailable', last?.detail ?? `no keys for tenant ${quoteUntrusted(tenant)}`);
    }
    const key = entry.keys.get(kid);
    if (key !== undefined) return key;
    if (fresh) {
      await this.refresh(tenant, entry);
      const refreshed = entry.keys.get(kid);
      if (refreshed !== undefined) return refreshed;
    }
    throw new AuthError('unknown_key', `kid ${quoteUntrusted(kid)} for tenant ${quoteUntrusted(tenant)}`);
  }

  /** Looks the tenant up, marking it most recently used and dropping the least recently used beyond the cap. */
  private entry(tenant: string): TenantKeys {
    let entry = this.tenants.get(tenant);
    if (entry === undefined) {
      entry = {
        keys: undefined,
        fetchedAt: 0,
        attemptedAt: Number.NEGATIVE_INFINITY,
        lastError: undefined,
        pending: undefined,
      };
    } else this.tenants.delete(tenant);
    this.tenants.set(tenant, entry);
    if (this.tenants.size > this.maxTenants) this.tenants.delete(this.tenants.keys().next().value!);
    return entry;
  }

  /** Fetches unless a fetch is running (then waits for it) or the last one began too recently. */
  private async refresh(tenant: string, entry: TenantKeys): Promise<void> {
    if (entry.pending === undefined) {
      const now = this.now();
      if (now - entry.attemptedAt < this.minRefreshIntervalMs) return;
      entry.attemptedAt = now;
      entry.pending = this.fetchKeys(tenant).then(
        (keys) => {
          entry.keys = keys;
          entry.fetchedAt = this.now();
          entry.lastError = undefined;
        },
        (err: unknown) => {
          const error =
            err instanceof AuthError
              ? err
              : new AuthError('keys_unavailable', `JWKS for tenant ${quoteUntrusted(tenant)}`, { cause: err });
          entry.lastError = error;
          this.options.onProblem?.(error.message);
        },
      );
      entry.pending.finally(() => {
        entry.pending = undefined;
      });
    }
    await entry.pending;
  }

  private async fetchKeys(tenant: string): Promise<ReadonlyMap<string, CryptoKey>> {
    const what = `JWKS for tenant ${quoteUntrusted(tenant)}`;
    const fail: (problem: string, cause?: unknown) => never = (problem, cause) => {
      throw new AuthError('keys_unavailable', `${what}: ${problem}`, { cause });
    };
    let text: string;
    try {
      const response = await this.fetch(this.urlFor(tenant), {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(this.fetchTimeoutMs),
      });
      if (!response.ok) {
        await response.body?.cancel();
        fail(`HTTP ${response.status}`);
      }
      const body = await readCapped(response, this.maxBodyBytes);
      if (body === undefined) fail(`body over ${this.maxBodyBytes} bytes`);
      text = body;
    } catch (err) {
      if (err instanceof AuthError) throw err;
      const name = (err as Error).name;
      fail(name === 'TimeoutError' ? `no answer within ${this.fetchTimeoutMs} ms` : 'fetch failed', err);
    }
    let imported: Awaited<ReturnType<typeof importJwksText>>;
    try {
      imported = await importJwksText(text);
    } catch (err) {
      if (err instanceof AuthError) fail(err.detail ?? 'invalid');
      throw err;
    }
    for (const problem of imported.ignored) this.options.onProblem?.(`${what}: ${problem}`);
    return imported.keys;
  }
}

/** The body as text, or undefined (and the rest left unread) once it passes `maxBytes`. */
async function readCapped(response: Response, maxBytes: number): Promise<string | undefined> {
  if (Number(response.headers.get('content-length')) > maxBytes) {
    await response.body?.cancel();
    return undefined;
  }
  if (response.body === null) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/** Throws TypeError unless `template` is an http(s) URL containing `{tenant}`. */
export function checkJwksUrlTemplate(template: string): void {
  if (!template.includes(TENANT_PLACEHOLDER))
    throw new TypeError(`JWKS URL template ${JSON.stringify(template)} has no ${TENANT_PLACEHOLDER}`);
  let url: URL;
  try {
    url = new URL(template.replaceAll(TENANT_PLACEHOLDER, 'tenant'));
  } catch {
    throw new TypeError(`JWKS URL template ${JSON.stringify(template)} is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new TypeError(`JWKS URL template ${JSON.stringify(template)} is not http(s)`);
}
