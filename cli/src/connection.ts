// The client a command opens from its connection options (connection-options.ts). The default
// target is the broker `npm start` (or `felix broker`) runs on this machine, and its certificate
// and dev token are found in its data directory, so those two need no flags.

import { readFileSync } from 'node:fs';
import { type ConnectOptions, connect, type Endpoint, type FelixClient, parseUrl } from '@felix/client';
import type { ConnectionFlags } from './connection-options.js';
import { tokenFor } from './dev-token.js';
import { UsageError } from './errors.js';
import { localCertificateCandidates, localFingerprint } from './fingerprint.js';
import { isLoopback } from './local-broker.js';

export type { ConnectionFlags } from './connection-options.js';

function endpointOf(url: string): Endpoint {
  try {
    return parseUrl(url);
  } catch (err) {
    throw new UsageError(`--url: ${(err as Error).message}`);
  }
}

/** How to trust the broker: the pin or CA given, else a local broker's own certificate. */
export function trustOptions(
  flags: Pick<ConnectionFlags, 'url' | 'fingerprint' | 'ca'>,
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): Pick<ConnectOptions, 'certSha256' | 'ca'> {
  const endpoint = endpointOf(flags.url);
  if (flags.fingerprint) {
    if (!/^(?:[0-9a-fA-F]{2}:?){31}[0-9a-fA-F]{2}$/.test(flags.fingerprint.trim()))
      throw new UsageError(`--fingerprint: expected 32 bytes of hex (colons allowed), not ${flags.fingerprint}`);
    return { certSha256: flags.fingerprint.trim() };
  }
  if (flags.ca) {
    try {
      return { ca: readFileSync(flags.ca, 'utf8') };
    } catch (err) {
      throw new UsageError(
        `--ca: cannot read ${flags.ca}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      );
    }
  }
  if (isLoopback(endpoint.host)) {
    const local = localFingerprint(env, cwd);
    if (local) return { certSha256: local.fingerprint };
    throw new UsageError(
      `no certificate to trust for ${endpoint.host}: no local broker certificate at ${localCertificateCandidates(env, cwd).join(' or ')}; pass --fingerprint (the broker prints cert-sha256= when it starts)`,
    );
  }
  // A remote broker with a certificate from a public CA needs neither.
  return {};
}

/** The client certificate and key named by --client-cert/--client-key, read; both or neither. */
export function clientCertificateOptions(
  flags: Pick<ConnectionFlags, 'clientCert' | 'clientKey'>,
): Pick<ConnectOptions, 'clientCert' | 'clientKey'> {
  if (flags.clientCert === undefined && flags.clientKey === undefined) return {};
  if (flags.clientCert === undefined || flags.clientKey === undefined)
    throw new UsageError('--client-cert and --client-key must be given together');
  const read = (option: string, path: string) => {
    try {
      return readFileSync(path, 'utf8');
    } catch (err) {
      throw new UsageError(
        `${option}: cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      );
    }
  };
  return { clientCert: read('--client-cert', flags.clientCert), clientKey: read('--client-key', flags.clientKey) };
}

export function connectOptions(
  flags: ConnectionFlags,
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): ConnectOptions {
  return {
    ...trustOptions(flags, env, cwd),
    ...clientCertificateOptions(flags),
    tenant: flags.tenant,
    namespace: flags.namespace,
    token: tokenFor(endpointOf(flags.url).host, flags.token, env, cwd),
    connectTimeoutMs: flags.timeout,
    requestTimeoutMs: flags.timeout,
  };
}

export async function openClient(flags: ConnectionFlags, extra: ConnectOptions = {}): Promise<FelixClient> {
  const options = { ...connectOptions(flags), ...extra };
  return connect(flags.url, options);
}

/**
 * Tells stderr about each lost connection and reconnect, and what `onConnect` names, for a
 * command that keeps a subscription or a consumer alive across them: a silent pause would look
 * like a hang. (The first session's connect event fired before these listeners: each one here
 * is a return.)
 */
export function reportReconnects(client: FelixClient, onConnect: string): void {
  client.on('disconnect', (error) => process.stderr.write(`connection lost (${error.code}); reconnecting\n`));
  client.on('reconnecting', ({ attempt, delayMs }) =>
    process.stderr.write(`reconnect attempt ${attempt} in ${delayMs} ms\n`),
  );
  client.on('connect', () => process.stderr.write(`${onConnect}\n`));
}
