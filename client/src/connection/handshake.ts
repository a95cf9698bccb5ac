// Opening a session: dialling the carrier within the connect timeout, then the auth exchange in
// which client and broker name the frame flags and features each understands.
import { type AuthOk, encodeFrame, FEATURES, FLAGS, ORIGINAL_V1_FLAGS, type WireMessage } from '@felix/generated';
import type { ClientSession } from '@felix/transport';
import { FelixError, fromErrorMessage, unexpectedMessage } from '../errors.js';
import type { Endpoint, ResolvedOptions } from '../options.js';
import { withTimeout } from '../util.js';

/** Every flag bit this SDK reads and writes. */
export const SDK_FLAGS =
  FLAGS.BINARY_PUBLISH_BATCH |
  FLAGS.BINARY_EVENT_BATCH |
  FLAGS.BINARY_EVENT_BATCH_SHARED |
  FLAGS.BINARY_PUBLISH_ACKED |
  FLAGS.BINARY_PUBLISH_ACK |
  FLAGS.EVENT_BATCH_OFFSETS |
  FLAGS.GROUP_DELIVERY_BATCH |
  FLAGS.BINARY_CACHE_GET |
  FLAGS.BINARY_CACHE_PUT |
  FLAGS.BINARY_CACHE_DELETE |
  FLAGS.BINARY_CACHE_VALUE |
  FLAGS.BINARY_CACHE_OK;

/** Every feature this SDK implements. */
export const SDK_FEATURES =
  FEATURES.CACHE_DELETE |
  FEATURES.ERROR_CODES |
  FEATURES.STREAM_ATTACH |
  FEATURES.DRAIN_NOTICE |
  FEATURES.STREAM_EPOCHS |
  FEATURES.QUEUES |
  FEATURES.BINARY_CACHE;

/** Opens a carrier session to a broker; the Node and browser builds each bring their own. */
export type Dialer = (endpoint: Endpoint, options: ResolvedOptions) => Promise<ClientSession>;

/** What the auth exchange settled. */
export interface Negotiation {
  /** Frame flags both sides understand; nothing else is sent or expected. */
  flags: number;
  features: number;
  /** The broker answered auth with `ok`: an upstream-era broker. */
  legacy: boolean;
  /** Joins further connections to the session on carriers that need it. */
  sessionToken: AuthOk['session_token'];
}

/** The whole handshake, dial and auth together, must finish within connectTimeoutMs. */
export class ConnectDeadline {
  private readonly started = Date.now();
  readonly what: string;

  constructor(
    endpoint: Endpoint,
    readonly limitMs: number,
  ) {
    this.what = `connect ${endpoint.carrier}://${endpoint.host}:${endpoint.port}`;
  }

  readonly timedOut = (): FelixError =>
    new FelixError(`${this.what}: no session within ${this.limitMs} ms`, { code: 'connect_failed', retry: 'retry' });

  get remainingMs(): number {
    return this.limitMs - (Date.now() - this.started);
  }
}

/** Dials the carrier; any failure comes back as connect_failed. */
export async function dialSession(
  dial: Dialer,
  endpoint: Endpoint,
  options: ResolvedOptions,
  deadline: ConnectDeadline,
): Promise<ClientSession> {
  const dialing = dial(endpoint, options);
  try {
    return await withTimeout(dialing, deadline.limitMs, deadline.timedOut);
  } catch (err) {
    // A session that shows up after we gave up on it must not linger.
    dialing.then((s) => s.close({ code: 0, reason: 'connect timed out' })).catch(() => {});
    if (err instanceof FelixError) throw err;
    const pin = err instanceof Error && err.name === 'CertificatePinError';
    throw new FelixError(`${deadline.what}: ${err instanceof Error ? err.message : String(err)}`, {
      code: 'connect_failed',
      // A certificate that does not match the pin will not start matching by itself.
      retry: pin ? 'fatal' : 'retry',
      cause: err,
    });
  }
}

/** The first frame on the control stream. */
export function authFrame(options: ResolvedOptions): Uint8Array {
  return encodeFrame({
    type: 'auth',
    tenant_id: options.tenant,
    token: options.token,
    client_flags: options.negotiate ? SDK_FLAGS : undefined,
    client_features: options.negotiate ? SDK_FEATURES : undefined,
  });
}

/** Reads the broker's answer to auth; a refusal throws. */
export function negotiation(m: WireMessage): Negotiation {
  if (m.type === 'auth_ok') {
    // Only what both sides named is used; the broker's word counts, not ours.
    return {
      flags: SDK_FLAGS & m.server_flags,
      features: SDK_FEATURES & (m.server_features ?? 0),
      legacy: false,
      sessionToken: m.session_token,
    };
  }
  if (m.type === 'ok') return { flags: ORIGINAL_V1_FLAGS, features: 0, legacy: true, sessionToken: undefined };
  if (m.type === 'error') {
    // Before auth succeeds the broker cannot know we read typed codes, so a refusal usually
    // comes without one; the spec answers anything wrong before auth with unauthenticated.
    throw fromErrorMessage({ ...m, code: m.code ?? 'unauthenticated' }, 'auth');
  }
  throw unexpectedMessage('auth', m.type);
}
