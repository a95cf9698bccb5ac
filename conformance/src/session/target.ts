// Where `npm run conformance -- --session <url>` drives a broker: the carrier and address, and
// what the scenarios need to act there (tenant, token, a stream and a cache they may use).
export type SessionCarrier = 'quic' | 'tls';

export interface SessionTarget {
  carrier: SessionCarrier;
  host: string;
  port: number;
  /** SHA-256 pin of the broker's certificate (hex, colons allowed). */
  certSha256: string;
  tenant: string;
  token: string;
  namespace: string;
  /** A stream the scenarios publish to and subscribe on. */
  stream: string;
  /** A cache the scenarios put to and get from. */
  cache: string;
  /** ALPN offered over QUIC; empty offers none. */
  alpn: string[];
}

export class SessionTargetError extends Error {}

/**
 * Reads `quic://host:port?sha256=…&token=…` (or `tls://…`); optional tenant (t1), namespace
 * (default), stream (demo), cache (primary) and alpn (felix; `none` for none).
 */
export function parseSessionTarget(text: string): SessionTarget {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new SessionTargetError(`not a URL: ${text}`);
  }
  const carrier = url.protocol.replace(/:$/, '');
  if (carrier !== 'quic' && carrier !== 'tls')
    throw new SessionTargetError(`scheme must be quic or tls, got ${carrier}`);
  const port = Number(url.port);
  if (!url.port || !Number.isInteger(port) || port <= 0 || port > 65535)
    throw new SessionTargetError('the URL needs a port');
  const q = url.searchParams;
  const certSha256 = q.get('sha256');
  if (!certSha256) throw new SessionTargetError("the URL needs sha256=<the broker certificate's SHA-256>");
  const alpn = q.get('alpn') ?? 'felix';
  return {
    carrier,
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port,
    certSha256,
    tenant: q.get('tenant') ?? 't1',
    token: q.get('token') ?? '',
    namespace: q.get('namespace') ?? 'default',
    stream: q.get('stream') ?? 'demo',
    cache: q.get('cache') ?? 'primary',
    alpn: alpn === 'none' ? [] : alpn.split(',').filter(Boolean),
  };
}
