// Which keys the broker trusts, from its configuration: a JWKS file, a per-tenant JWKS URL
// (upstream's control plane), or, with neither, the embedded default's own key in the data
// directory, with a dev token beside it so a fresh `npm start` can be used at once.
import {
  AuthError,
  type CertificateGrant,
  CertificateIdentities,
  type CertificateNames,
  type DevCredentials,
  ensureDevCredentials,
  JwksFileKeySource,
  JwksUrlKeySource,
  KeyFileError,
  type KeySource,
  type VerifiedToken,
  verifyToken,
} from '../auth/index.js';
import type { BrokerConfig } from './config.js';
import type { Logger } from './logger.js';

/** A key source that cannot be used at start: the broker exits with this message. */
export class AuthSetupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AuthSetupError';
  }
}

export interface Authenticator {
  /** Where the keys come from, for the startup log. */
  readonly keySource: 'dev' | 'jwks-file' | 'jwks-url';
  /** Leeway for `exp` and `nbf`, in milliseconds; a session is served until its token's exp plus this. */
  readonly clockToleranceMs: number;
  /** The embedded default's dev token; undefined when a key source is configured. */
  readonly dev: DevCredentials | undefined;
  /** Verifies `token` for `tenant`; throws AuthError. */
  verify(token: string, tenant: string): Promise<VerifiedToken>;
  /** What config clientCertificates maps a verified client certificate to; undefined when no rule names it. */
  mapCertificate(certificate: CertificateNames): CertificateGrant | undefined;
}

export async function createAuthenticator(config: BrokerConfig, logger: Logger): Promise<Authenticator> {
  const onProblem = (message: string) => logger.warn({ auth: 'keys' }, message);
  let keys: KeySource;
  let keySource: Authenticator['keySource'];
  let dev: DevCredentials | undefined;
  if (config.authJwksUrl !== undefined) {
    keys = new JwksUrlKeySource({ urlTemplate: config.authJwksUrl, onProblem });
    keySource = 'jwks-url';
  } else {
    let path = config.authJwksFile;
    keySource = 'jwks-file';
    if (path === undefined) {
      dev = await devCredentials(config.dataDir);
      path = dev.paths.jwks;
      keySource = 'dev';
    }
    const file = new JwksFileKeySource({ path, onProblem });
    try {
      await file.load();
    } catch (err) {
      if (!(err instanceof AuthError)) throw err;
      const setting = keySource === 'dev' ? 'the dev key set' : 'authJwksFile (FELIX_AUTH_JWKS_FILE)';
      throw new AuthSetupError(`${setting}: ${err.detail ?? err.message}`, { cause: err });
    }
    keys = file;
  }
  const clockToleranceSec = config.authClockLeewaySeconds;
  // loadConfig has checked the rules, so this does not throw.
  const certificates = new CertificateIdentities(config.clientCertificates ?? []);
  return {
    keySource,
    clockToleranceMs: clockToleranceSec * 1000,
    dev,
    verify: (token, tenant) => verifyToken(token, { tenant, keys, clockToleranceSec }),
    mapCertificate: (certificate) => certificates.match(certificate),
  };
}

async function devCredentials(dataDir: string): Promise<DevCredentials> {
  try {
    return await ensureDevCredentials(dataDir);
  } catch (err) {
    if (err instanceof KeyFileError) throw new AuthSetupError(err.message, { cause: err });
    const code = (err as NodeJS.ErrnoException).code;
    if (typeof code === 'string')
      throw new AuthSetupError(`cannot keep the dev signing key in ${dataDir}: ${code}`, { cause: err });
    throw err;
  }
}
