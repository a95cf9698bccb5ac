// Where verification keys come from. Sources differ in how they load and refresh; the verifier
// only ever asks one question of them.
import type { CryptoKey } from 'jose';
import { AuthError, quoteUntrusted } from './errors.js';
import { importJwks } from './jwks.js';

export interface KeySource {
  /**
   * The Ed25519 public key `kid` names for `tenant`. Throws AuthError `unknown_key` when there is
   * none, or `keys_unavailable` when the keys cannot be loaded at all.
   */
  keyFor(tenant: string, kid: string): Promise<CryptoKey>;
}

/** A fixed key set shared by every tenant: the dev default and tests. */
export class StaticKeySource implements KeySource {
  constructor(private readonly keys: ReadonlyMap<string, CryptoKey>) {}

  static async fromJwks(document: unknown): Promise<StaticKeySource> {
    return new StaticKeySource((await importJwks(document)).keys);
  }

  async keyFor(_tenant: string, kid: string): Promise<CryptoKey> {
    const key = this.keys.get(kid);
    if (key === undefined) throw new AuthError('unknown_key', `kid ${quoteUntrusted(kid)}`);
    return key;
  }
}
