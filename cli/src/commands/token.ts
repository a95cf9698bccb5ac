// `felix token`: makes signing keys, mints Felix tokens and reads them back. Without a key or
// JWKS named, mint and inspect use the ones a broker on this machine keeps in its data directory
// (local-broker.ts), so a token for the local broker is one command away.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  AuthError,
  generateSigningKey,
  KeyFileError,
  type KeySource,
  mintToken,
  PermissionSyntaxError,
  parsePermission,
  publicJwkOf,
  readJwksFile,
  readPrivateJwkFile,
  StaticKeySource,
  verifyToken,
  writeJwksFile,
  writePrivateJwkFile,
} from '@felix/broker/auth';
import { CliFailure, UsageError } from '../errors.js';
import { AUTH_FILES, firstLocal, localCandidates } from '../local-broker.js';

export interface MintFlags {
  key?: string;
  tenant: string;
  perm: string[];
  subject: string;
  /** Seconds. */
  ttl: number;
  /** Seconds after now. */
  notBefore?: number;
  kid?: string;
}

export interface InspectFlags {
  jwks?: string;
  key?: string;
  tenant?: string;
  verify: boolean;
}

export interface KeygenFlags {
  out: string;
  kid?: string;
  force?: boolean;
}

/** Reads a key file named on the command line; a missing or wrong file is a usage error naming the option. */
async function readKeyFile<T>(option: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (err) {
    if (err instanceof KeyFileError) throw new UsageError(`${option}: ${err.message}`);
    throw err;
  }
}

function nonEmpty(option: string, value: string | undefined): void {
  if (value !== undefined && value.trim() === '') throw new UsageError(`${option}: must not be empty`);
}

/** Prints a token signed with the given key, or a local broker's. */
export async function mint(flags: MintFlags): Promise<void> {
  nonEmpty('--tenant', flags.tenant);
  nonEmpty('--subject', flags.subject);
  nonEmpty('--kid', flags.kid);
  for (const permission of flags.perm) {
    try {
      parsePermission(permission);
    } catch (err) {
      if (err instanceof PermissionSyntaxError) throw new UsageError(`--perm: ${err.message}`);
      throw err;
    }
  }
  const keyPath = flags.key ?? firstLocal('signingKey', process.env, process.cwd());
  if (keyPath === undefined)
    throw new UsageError(
      `--key: no signing key given, and no local broker key at ${localCandidates('signingKey', process.env, process.cwd()).join(' or ')}`,
    );
  const privateJwk = await readKeyFile('--key', () => readPrivateJwkFile(keyPath));
  const token = await mintToken({
    privateJwk: flags.kid === undefined ? privateJwk : { ...privateJwk, kid: flags.kid },
    tenant: flags.tenant,
    subject: flags.subject,
    permissions: flags.perm,
    ttlSec: flags.ttl,
    notBeforeSec: flags.notBefore,
  });
  process.stdout.write(`${token}\n`);
}

/** The token argument, or stdin's first line when it is `-` or missing. */
async function tokenText(argument: string | undefined): Promise<string> {
  if (argument !== undefined && argument !== '-') return argument.trim();
  if (process.stdin.isTTY) throw new UsageError('no token: pass one as the argument or pipe it on stdin');
  let text = '';
  for await (const chunk of process.stdin.setEncoding('utf8')) text += chunk;
  return text.trim();
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One base64url JSON object segment of a compact JWS, or undefined when it is none. */
function decodeSegment(segment: string): Record<string, unknown> | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(segment)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Why a token fails, as said after `invalid:`: the AuthError's text without its wire code. */
function invalidity(err: AuthError): string {
  return err.message.replace(/^unauthenticated: /, '');
}

/** The keys to verify with: those named, else a local broker's JWKS when there is one. */
async function verificationKeys(flags: InspectFlags): Promise<{ keys: KeySource; from: string } | undefined> {
  if (flags.key !== undefined) {
    const path = flags.key;
    const privateJwk = await readKeyFile('--key', () => readPrivateJwkFile(path));
    return { keys: await StaticKeySource.fromJwks({ keys: [publicJwkOf(privateJwk)] }), from: path };
  }
  const path = flags.jwks ?? firstLocal('jwks', process.env, process.cwd());
  if (path === undefined) return undefined;
  const document = await readKeyFile('--jwks', () => readJwksFile(path));
  return { keys: await StaticKeySource.fromJwks(document), from: path };
}

/**
 * Prints the token's header and claims as JSON; when keys are at hand, verifies it as a broker
 * would and exits 1 when it does not pass.
 */
export async function inspect(argument: string | undefined, flags: InspectFlags): Promise<void> {
  const token = await tokenText(argument);
  const segments = token.split('.');
  const header = segments.length === 3 ? decodeSegment(segments[0] as string) : undefined;
  const claims = segments.length === 3 ? decodeSegment(segments[1] as string) : undefined;
  if (header === undefined || claims === undefined)
    throw new CliFailure('invalid: malformed token (not a JWT: header.claims.signature in base64url JSON)');
  const source = flags.verify ? await verificationKeys(flags) : undefined;
  if (source === undefined) {
    process.stdout.write(`${JSON.stringify({ header, claims }, null, 2)}\n`);
    if (flags.verify) process.stderr.write('not verified: no keys (pass --jwks or --key)\n');
    return;
  }
  const tenant = flags.tenant ?? (typeof claims.tid === 'string' ? claims.tid : '');
  try {
    const verified = await verifyToken(token, { tenant, keys: source.keys });
    const verification = { valid: true, keys: source.from };
    process.stdout.write(`${JSON.stringify({ header, claims, verification }, null, 2)}\n`);
    process.stderr.write(
      `valid: signed with key ${JSON.stringify(verified.keyId)} from ${source.from}, for tenant ${JSON.stringify(verified.tenant)}, until ${new Date(verified.expiresAt).toISOString()}\n`,
    );
  } catch (err) {
    if (!(err instanceof AuthError)) throw err;
    const verification = { valid: false, keys: source.from, reason: err.reason, message: invalidity(err) };
    process.stdout.write(`${JSON.stringify({ header, claims, verification }, null, 2)}\n`);
    throw new CliFailure(`invalid: ${invalidity(err)}`);
  }
}

/** Writes a new signing key and the JWKS that publishes it into a directory. */
export async function keygen(flags: KeygenFlags): Promise<void> {
  nonEmpty('--out', flags.out);
  nonEmpty('--kid', flags.kid);
  const keyPath = join(flags.out, AUTH_FILES.signingKey);
  const jwksPath = join(flags.out, AUTH_FILES.jwks);
  if (!flags.force && existsSync(keyPath))
    throw new UsageError(
      `--out: ${keyPath} already exists; pass --force to replace it (tokens it signed stop verifying)`,
    );
  // The directory holds a private key: readable by its owner only when made here.
  await mkdir(flags.out, { recursive: true, mode: 0o700 });
  const { privateJwk, publicJwk } = await generateSigningKey(flags.kid);
  await writePrivateJwkFile(keyPath, privateJwk);
  await writeJwksFile(jwksPath, [publicJwk]);
  process.stdout.write(
    `signing key ${JSON.stringify(privateJwk.kid)}: ${keyPath} (private, keep it secret), ${jwksPath} (public)\n`,
  );
}
