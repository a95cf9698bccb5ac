// Felix tokens and permissions (issue 14), compatible with upstream's control plane: EdDSA JWTs
// whose `perms` claim is checked per operation.
export {
  type CertificateGrant,
  CertificateIdentities,
  type CertificateNames,
  CertificateRuleError,
  type ClientCertificateRule,
} from './certificate-identities.js';
export { FELIX_AUDIENCE, FELIX_ISSUER, type FelixClaims, TOKEN_ALGORITHM } from './claims.js';
export {
  DEV_AUTH_DIR,
  DEV_JWKS_FILE,
  DEV_PERMISSIONS,
  DEV_SIGNING_KEY_FILE,
  DEV_SUBJECT,
  DEV_TENANT,
  DEV_TOKEN_FILE,
  DEV_TOKEN_RENEW_BEFORE_MS,
  DEV_TOKEN_TTL_SEC,
  type DevCredentialPaths,
  type DevCredentials,
  devCredentialPaths,
  ensureDevCredentials,
} from './dev-credentials.js';
export { AuthError, type AuthFailure, failureText, isAuthError, quoteUntrusted } from './errors.js';
export { type ImportedJwks, importJwks, importJwksText, type JwksDocument } from './jwks.js';
export { JwksFileKeySource, type JwksFileOptions } from './jwks-file.js';
export {
  checkJwksUrlTemplate,
  JwksUrlKeySource,
  type JwksUrlOptions,
  UPSTREAM_JWKS_PATH,
  upstreamJwksUrlTemplate,
} from './jwks-url.js';
export {
  KeyFileError,
  readJwksFile,
  readPrivateJwkFile,
  writeJwksFile,
  writePrivateJwkFile,
  writeSecretFile,
} from './key-files.js';
export { type KeySource, StaticKeySource } from './keys.js';
export { generateSigningKey, type MintOptions, mintToken, publicJwkOf, type SigningKey } from './mint.js';
export {
  ACTION_RESOURCE_KIND,
  type Action,
  BROKER_ACTIONS,
  CONTROL_PLANE_ACTIONS,
  type ControlPlaneAction,
  type Permission,
  type PermissionAction,
  PermissionSyntaxError,
  parsePermission,
  type ResourcePattern,
} from './permission-grammar.js';
export { compilePermissions, PermissionSet, type RejectedPermission } from './permissions.js';
export { forbiddenMessage, formatResource, type Resource, type ResourceKind } from './resources.js';
export { DEFAULT_CLOCK_TOLERANCE_SEC, type VerifiedToken, type VerifyOptions, verifyToken } from './verify.js';
