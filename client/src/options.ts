// What a caller can set, the defaults, and the broker address. Kept free of Node APIs so a
// browser build shares it.
import { DEFAULT_MAX_FRAME_PAYLOAD, LIMITS } from '@felix/generated';

export type CarrierKind = 'tls' | 'webtransport' | 'quic';

export interface Endpoint {
  carrier: CarrierKind;
  host: string;
  port: number;
  /** WebTransport session path. */
  path: string | undefined;
}

export interface BatchOptions {
  /** Most payloads one batch carries before it is sent. Default 512. */
  maxMessages?: number;
  /** Most payload bytes one batch carries before it is sent. Default 256 KiB. */
  maxBytes?: number;
  /**
   * How long a batch waits for more publishes. 0 (the default) sends at the end of the current
   * turn, so publishes made together travel together without adding a timer's delay.
   */
  lingerMs?: number;
}

export interface ReconnectOptions {
  /** First delay after a connection is lost. Default 50 ms. */
  initialDelayMs?: number;
  /** Upper bound of the delay. Default 5 s. */
  maxDelayMs?: number;
  /** Growth per failed attempt. Default 2. */
  multiplier?: number;
  /** Share of each delay that is randomised (0..1), so many clients do not return in step. Default 0.5. */
  jitter?: number;
  /** Attempts before the client gives up and closes. Default unlimited. */
  maxAttempts?: number;
}

export interface ConnectOptions {
  /**
   * SHA-256 fingerprint of the broker certificate to pin (hex, colons allowed). Not over
   * felix+quic:// on Deno, which cannot pin a hash: give `ca` there (not_supported otherwise).
   */
  certSha256?: string;
  /**
   * A CA certificate (PEM) to validate the broker with, instead of a pin; a self-signed broker's
   * own certificate serves as its CA. What felix+quic:// on Deno verifies against.
   */
  ca?: string;
  /** TLS server name; defaults to the URL's host. */
  serverName?: string;
  /**
   * A client certificate chain (PEM) for brokers that require one (FELIX_TLS_CLIENT_CA), over
   * felix+tls:// or felix+quic://; given together with clientKey. A certificate the broker maps
   * to permissions needs no token.
   */
  clientCert?: string;
  /** The client certificate's private key (PEM). */
  clientKey?: string;
  /** Tenant the connection acts for. Default 't1'. */
  tenant?: string;
  /** Credential presented in auth. Default empty. */
  token?: string;
  /** Namespace of streams and caches named without one. Default 'default'. */
  namespace?: string;
  /** Carrier connection plus authentication, per attempt. Default 10 s. */
  connectTimeoutMs?: number;
  /** From a call until its answer (including time spent waiting for a reconnect). Default 30 s. */
  requestTimeoutMs?: number;
  /** Cache streams opened at most; requests are spread over them. Default 4. */
  cachePoolSize?: number;
  /** Client-side publish batching. */
  batch?: BatchOptions;
  /** Bytes of publishes waiting to be sent before publish() refuses with buffer_full. Default 64 MiB. */
  maxPendingBytes?: number;
  /**
   * Payload bytes a subscription holds for a slow consumer. Past it, over TLS the client stops
   * reading (the broker then drops for it: gap `dropped`); over WebTransport it drops new records
   * itself (gap `overflow`). Default 4 MiB.
   */
  subscriptionBufferBytes?: number;
  /** Largest frame accepted from the broker. Default 16 MiB. */
  maxFrameBytes?: number;
  /** Reconnect on connection loss (default) or not (false). */
  reconnect?: ReconnectOptions | false;
  /**
   * Offer capabilities in auth (default). false authenticates as an upstream-era client: the
   * broker answers `ok` and only original v1 layouts are used.
   */
  negotiate?: boolean;
  /**
   * WebTransport: HTTP/3 instead of HTTP/2. In Node it needs the quiche addon; in a browser it
   * tries the browser's native WebTransport (when it has one) first, pinning certSha256, and
   * falls back to the WebSocket mapping when that session cannot open. Default false.
   */
  http3?: boolean;
}

/**
 * ConnectOptions with every default filled in.
 * @inline
 */
export interface ResolvedOptions {
  certSha256: string | undefined;
  ca: string | undefined;
  serverName: string | undefined;
  clientCert: string | undefined;
  clientKey: string | undefined;
  tenant: string;
  token: string;
  namespace: string;
  connectTimeoutMs: number;
  requestTimeoutMs: number;
  cachePoolSize: number;
  batch: Required<BatchOptions>;
  maxPendingBytes: number;
  subscriptionBufferBytes: number;
  maxFrameBytes: number;
  reconnect: Required<ReconnectOptions> | false;
  negotiate: boolean;
  http3: boolean;
}

const DEFAULT_PORTS: Record<CarrierKind, number> = { tls: 5400, webtransport: 5401, quic: 5402 };
const SCHEMES: Record<string, CarrierKind> = {
  'felix+tls:': 'tls',
  'felix+wt:': 'webtransport',
  'felix+quic:': 'quic',
};

/**
 * felix+tls://host[:port] (TLS over TCP, port 5400), felix+wt://host[:port][/path]
 * (WebTransport, 5401) or felix+quic://host[:port] (raw QUIC, 5402).
 */
export function parseUrl(url: string): Endpoint {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`not a URL: ${url}`);
  }
  const carrier = SCHEMES[parsed.protocol];
  if (!carrier) throw new TypeError(`${url}: the scheme must be felix+tls://, felix+wt:// or felix+quic://`);
  if (!parsed.hostname) throw new TypeError(`${url}: no host`);
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = parsed.port ? Number(parsed.port) : DEFAULT_PORTS[carrier];
  const path = parsed.pathname && parsed.pathname !== '/' ? parsed.pathname : undefined;
  if (path && carrier !== 'webtransport') throw new TypeError(`${url}: a ${parsed.protocol}// URL has no path`);
  return { carrier, host, port, path };
}

function positive(name: string, value: number | undefined, fallback: number, allowZero = false): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0))
    throw new RangeError(`${name} must be a ${allowZero ? 'non-negative' : 'positive'} number, not ${value}`);
  return value;
}

export const DEFAULT_RECONNECT: Required<ReconnectOptions> = {
  initialDelayMs: 50,
  maxDelayMs: 5_000,
  multiplier: 2,
  jitter: 0.5,
  maxAttempts: Number.POSITIVE_INFINITY,
};

export function resolveOptions(o: ConnectOptions = {}): ResolvedOptions {
  const r = o.reconnect;
  const d = DEFAULT_RECONNECT;
  if ((o.clientCert === undefined) !== (o.clientKey === undefined))
    throw new TypeError('clientCert and clientKey must be given together');
  return {
    certSha256: o.certSha256,
    ca: o.ca,
    serverName: o.serverName,
    clientCert: o.clientCert,
    clientKey: o.clientKey,
    tenant: o.tenant ?? 't1',
    token: o.token ?? '',
    namespace: o.namespace ?? 'default',
    connectTimeoutMs: positive('connectTimeoutMs', o.connectTimeoutMs, 10_000),
    requestTimeoutMs: positive('requestTimeoutMs', o.requestTimeoutMs, 30_000),
    cachePoolSize: Math.floor(positive('cachePoolSize', o.cachePoolSize, 4)),
    batch: {
      // A binary batch carries at most batch_max_items payloads.
      maxMessages: Math.min(
        LIMITS.batch_max_items,
        Math.floor(positive('batch.maxMessages', o.batch?.maxMessages, 512)),
      ),
      maxBytes: positive('batch.maxBytes', o.batch?.maxBytes, 256 * 1024),
      lingerMs: positive('batch.lingerMs', o.batch?.lingerMs, 0, true),
    },
    maxPendingBytes: positive('maxPendingBytes', o.maxPendingBytes, 64 * 1024 * 1024),
    subscriptionBufferBytes: positive('subscriptionBufferBytes', o.subscriptionBufferBytes, 4 * 1024 * 1024),
    maxFrameBytes: positive('maxFrameBytes', o.maxFrameBytes, DEFAULT_MAX_FRAME_PAYLOAD),
    reconnect:
      r === false
        ? false
        : {
            initialDelayMs: positive('reconnect.initialDelayMs', r?.initialDelayMs, d.initialDelayMs, true),
            maxDelayMs: positive('reconnect.maxDelayMs', r?.maxDelayMs, d.maxDelayMs, true),
            multiplier: positive('reconnect.multiplier', r?.multiplier, d.multiplier),
            jitter: Math.min(1, positive('reconnect.jitter', r?.jitter, d.jitter, true)),
            maxAttempts: positive('reconnect.maxAttempts', r?.maxAttempts, d.maxAttempts),
          },
    negotiate: o.negotiate ?? true,
    http3: o.http3 ?? false,
  };
}

/** Delay before reconnect attempt `attempt` (0-based): exponential, capped, with jitter. */
export function backoffDelay(r: Required<ReconnectOptions>, attempt: number, random = Math.random): number {
  const base = Math.min(r.maxDelayMs, r.initialDelayMs * r.multiplier ** attempt);
  return Math.round(base * (1 - r.jitter * random()));
}
