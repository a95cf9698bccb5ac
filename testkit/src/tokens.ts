// Tokens for tests: minted with the signing key a broker on its embedded default keeps in its
// data directory, so a test can act as any tenant with any permissions.
import { join } from 'node:path';
import { mintToken, readPrivateJwkFile } from '@felix/broker/auth';

export interface MintFor {
  /** Default t1. */
  tenant?: string;
  /** Default every right on the tenant. */
  permissions?: string[];
  /** Default one hour. */
  ttlSec?: number;
}

/** A token signed with the dev key of the broker whose data directory is `broker.dataDir`. */
export async function mintTestToken(broker: { dataDir: string }, options: MintFor = {}): Promise<string> {
  const tenant = options.tenant ?? 't1';
  const privateJwk = await readPrivateJwkFile(join(broker.dataDir, 'auth', 'signing-key.jwk'));
  return mintToken({
    privateJwk,
    tenant,
    subject: 'felix-testkit',
    permissions: options.permissions ?? [`tenant.manage:tenant:${tenant}`],
    ttlSec: options.ttlSec ?? 3600,
  });
}
