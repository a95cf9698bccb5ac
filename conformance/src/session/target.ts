// Where `npm run conformance -- --session <url>` drives a broker: the carrier and address, and
// what the scenarios need to act there (tenant, token, a stream and a cache they may use).
export type SessionCarrier = 'quic' | 'tls' | 'webtransport';

/** The runtimes a Felix broker runs on, each with its known differences from upstream. */
export type BrokerHost = 'node' | 'deno';

export interface SessionTarget {
  carrier: SessionCarrier;
  host: string;
  port: number;
  /** SHA-256 pin of the broker's certificate (hex, colons allowed). */
  certSha256?: string;
  /** A file holding the broker's certificate or its CA (PEM), for clients that cannot pin a hash. */
  caFile?: string;
  tenant: string;
  token: string;
  namespace: string;
  /** A stream the scenarios publish to and subscribe on. */
  stream: string;
  /** A cache the scenarios put to and get from. */
  cache: string;
  /** ALPN offered over QUIC; empty offers none; undefined is the runner's default (see connect.ts). */
  alpn?: string[];
  /** WebTransport's HTTP version; undefined is the runner's default (see connect.ts). */
  http?: 2 | 3;
  /** WebTransport's session path. */
  path: string;
  /**
   * The broker's runtime, when known: where the spec lists a difference of that host
   * (sessions.known_differences), the scenario it breaks is reported as that, not as a failure.
   */
  brokerHost?: BrokerHost;
}

export class SessionTargetError extends Error {}

const CARRIERS: readonly SessionCarrier[] = ['quic', 'tls', 'webtransport'];

/**
 * Reads `quic://host:port?sha256=…&token=…` (or `tls://…`, `webtransport://host:port[/path]…`);
 * `ca=<file>` pins by a PEM certificate instead of (or beside) sha256; optional tenant (t1),
 * namespace (default), stream (demo), cache (primary), alpn (`none` for none), http (2 or 3)
 * and broker-host (node or deno).
 */
export function parseSessionTarget(text: string): SessionTarget {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new SessionTargetError(`not a URL: ${text}`);
  }
  const carrier = url.protocol.replace(/:$/, '') as SessionCarrier;
  if (!CARRIERS.includes(carrier))
    throw new SessionTargetError(`scheme must be quic, tls or webtransport, got ${carrier}`);
  const port = Number(url.port);
  if (!url.port || !Number.isInteger(port) || port <= 0 || port > 65535)
    throw new SessionTargetError('the URL needs a port');
  const q = url.searchParams;
  const certSha256 = q.get('sha256') ?? undefined;
  const caFile = q.get('ca') ?? undefined;
  if (certSha256 === undefined && caFile === undefined)
    throw new SessionTargetError(
      "the URL needs sha256=<the broker certificate's SHA-256> or ca=<a file with its certificate (PEM)>",
    );
  const alpn = q.get('alpn');
  const http = q.get('http');
  if (http !== null && http !== '2' && http !== '3') throw new SessionTargetError(`http must be 2 or 3, got ${http}`);
  const brokerHost = q.get('broker-host');
  if (brokerHost !== null && brokerHost !== 'node' && brokerHost !== 'deno')
    throw new SessionTargetError(`broker-host must be node or deno, got ${brokerHost}`);
  return {
    carrier,
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port,
    ...(certSha256 !== undefined && { certSha256 }),
    ...(caFile !== undefined && { caFile }),
    tenant: q.get('tenant') ?? 't1',
    token: q.get('token') ?? '',
    namespace: q.get('namespace') ?? 'default',
    stream: q.get('stream') ?? 'demo',
    cache: q.get('cache') ?? 'primary',
    ...(alpn !== null && { alpn: alpn === 'none' ? [] : alpn.split(',').filter(Boolean) }),
    ...(http !== null && { http: Number(http) as 2 | 3 }),
    path: url.pathname === '/' || url.pathname === '' ? '/felix' : url.pathname,
    ...(brokerHost !== null && { brokerHost }),
  };
}
