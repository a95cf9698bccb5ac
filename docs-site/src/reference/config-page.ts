// The broker configuration reference, from the broker's own schema (CONFIG_SCHEMA), environment
// map (CONFIG_ENV) and defaults (DEFAULT_CONFIG). Only the sentence saying what each setting
// means is written here; a setting added to the broker without one fails the docs build.
import { type BrokerConfig, CONFIG_ENV, CONFIG_SCHEMA, DEFAULT_CONFIG } from '@felix/broker/config';
import { code, markdownTable } from './markdown.js';

/** What each setting means. Typed over BrokerConfig so a new setting is a type error here. */
export const SETTING_DOCS: Record<keyof BrokerConfig, string> = {
  host: 'Address every carrier binds.',
  carriers: 'Which carriers to serve, comma-separated in the environment.',
  tlsPort: 'TLS over TCP port (0 = ephemeral).',
  webtransportPort: 'WebTransport port (0 = ephemeral).',
  quicPort: 'Raw QUIC port (0 = ephemeral).',
  quicAlpn:
    "ALPN protocols the QUIC carrier offers, comma-separated in the environment; `none` (or `[]` in the file) offers none, as upstream's QUIC does. Unset: the host's default: `felix` on the Node host, whose QUIC library cannot serve without ALPN (it refuses `none` at start), and none on the Deno host. See [compatibility](../protocol/compatibility.md#known-differences-of-the-hosts).",
  httpBind: 'host:port of the HTTP listener for `/live`, `/ready`, `/metrics`, the admin requests and the demo page.',
  tlsCert: 'PEM certificate file; without it (and `tlsKey`) a self-signed ECDSA pair is made in `dataDir`.',
  tlsKey: 'PEM private key file; given together with `tlsCert`.',
  tlsClientCa:
    'PEM file of the CA certificates client certificates must chain to. Set, every carrier requires one in its handshake (WebTransport then serves HTTP/2 only) and `clientCertificates` can map them to permissions; see [client certificates](../operations.md#client-certificates).',
  clientCertificates:
    'Client certificates mapped to a tenant and permissions: each rule names one `commonName`, `dns` or `uri` SAN, a `tenant` and `permissions` (the token grammar); the first matching rule wins. Config file only; needs `tlsClientCa`.',
  dataDir:
    'Where the broker keeps its self-signed certificate and, with no key source set, its dev signing key, JWKS and dev token (`auth/signing-key.jwk`, `auth/jwks.json`, `auth/dev-token.jwt`).',
  demoDir:
    'Directory of the prebuilt browser demo page (`npm run build -w demo` makes `demo/dist`; relative to the working directory), served at `/demo/` on the HTTP listener with `/demo/config.json`; unset, `/demo/` is not served.',
  drainTimeoutMs: 'How long SIGTERM/SIGINT waits for deliveries and acknowledgements to flush before closing sessions.',
  maxFrameBytes: 'Largest frame payload accepted; a larger declared length is refused before it is buffered.',
  streamMaxRecords: "Records each stream's in-memory log retains.",
  streamMaxBytes: "Bytes each stream's in-memory log retains.",
  subscriberQueueBytes: 'Bytes queued for one subscriber before the overflow policy applies.',
  overflowPolicy: 'What happens past `subscriberQueueBytes`: drop the new records, drop the oldest, or disconnect.',
  eventBatchMaxRecords: 'Most records in one event batch.',
  eventBatchMaxBytes: 'Most payload bytes in one event batch.',
  eventBatchLingerMs: 'How long fanout waits to fill a batch; 0 flushes at the end of the event-loop turn.',
  cacheMaxBytes: 'Cache capacity; least recently used entries are evicted past it.',
  cacheSweepMs: 'How often expired cache entries are swept.',
  autoCreate: 'Create unknown streams and caches on first use (development only).',
  maxStreams: 'Most streams the registry holds.',
  maxCaches: 'Most caches the registry holds.',
  maxSubscriptionsPerSession: 'Most subscriptions one session may hold.',
  handshakeTimeoutMs:
    'How long a connection may take from accept to an established carrier session (the TLS handshake; the QUIC handshake; TLS, HTTP/2 and the CONNECT of a WebTransport session); one that takes longer is cut.',
  authTimeoutMs:
    'How long, once its carrier session is up, a peer may take to send its first whole frame (TLS) or open its control stream (QUIC, WebTransport); a session to authenticate; and each stream a peer opens to send its first whole frame. A session past it is answered `unauthenticated` ("no auth within N ms") where it has a stream to answer on and closed; a stream is reset.',
  sessionIdleTimeoutMs:
    'How long an authenticated session that holds no subscription may go without sending a frame; past it the session is answered `idle` (retry class `retry`: nothing was lost) and closed with close code `idle`. A session with a subscription is never closed for idleness. 0 turns the deadline off.',
  maxConnections:
    'Most connections open at once on all carriers together (TLS counts each TCP connection, attaches included); more are answered `limit_exceeded` after their first frame and closed.',
  maxConnectionsPerAddress: 'Most connections open at once from one source address, counted as `maxConnections` is.',
  maxSessionsPerTenant:
    'Most authenticated sessions one tenant may hold at once; an auth past it is answered `limit_exceeded` and the session closed.',
  tenantPublishBytesPerSecond:
    'Payload bytes per second each tenant may publish (a token bucket per tenant); a publish over it is refused with `overloaded` (retry after the time the message names) and nothing of it is appended. 0 is no limit.',
  tenantPublishBurstBytes:
    'Most payload bytes a tenant may publish at once (the size of its bucket, which refills at `tenantPublishBytesPerSecond`); default one second of that rate. A single publish larger than this can never fit and is refused with `limit_exceeded`.',
  logLevel: 'pino log level.',
  authJwksFile:
    'JWKS file of Ed25519 keys trusted for every tenant, re-read when it changes. Unset (and no `authJwksUrl`), the broker makes its own key and a dev token for tenant `t1` in `dataDir`.',
  authJwksUrl:
    "URL template of each tenant's JWKS with `{tenant}` in it, e.g. upstream's control plane `https://cp.example/v1/tenants/{tenant}/.well-known/jwks.json`; keys are cached and refetched for unknown kids, at most every 10 s.",
  authClockLeewaySeconds:
    "Seconds of clock skew allowed for a token's `exp` and `nbf`; a session is served until `exp` plus this.",
  memoryBudgetBytes:
    "Memory the broker may use for data it holds: retained records, subscribers' queued deliveries, cached values, frames being received and answers waiting to be sent, each in a pool with its share (40, 20, 15, 15 and 10 %). A full pool evicts, drops with a gap, refuses with `limit_exceeded` or stops reading, as [overload](../operations.md#overload) describes; while over it `/ready` answers not ready. Default a quarter of the machine's memory (or of the container's limit).",
  answersPerSessionBytes:
    "Answers one session may have waiting for its carriers (cache values, acks, errors). Beyond it (one answer may take it past) the session's streams stop reading requests until the peer reads; see [overload](../operations.md#answers-and-frames-in-flight).",
  answerDrainTimeoutMs:
    'A window for a session over `answersPerSessionBytes`: in each, its peer must read `peerMinBytesPerSecond` times the window (or all that is queued), or it is sent `limit_exceeded` and closed with close code `limitExceeded`.',
  frameReceiveTimeoutMs:
    'A window for a frame that spans reads, from its header on: each must bring `peerMinBytesPerSecond` times the window (or the rest of the frame), or the stream is closed with `limit_exceeded` (close code `limitExceeded` for the control stream). Time the broker spends not reading (pushing back) does not count.',
  peerMinBytesPerSecond:
    'The slowest a peer may send a frame or read its answers, checked per window: 128 KiB/s (about 1 Mbit/s) with 10 s windows asks 1.25 MiB per window, so a 16 MiB frame may take up to about 2 minutes while a trickle or a frame stalled half way is cut within 10 to 20 s.',
  durableDir:
    'Where durable streams keep their segment logs, one directory per stream shard named as the storage spec says; default `<dataDir>/streams`. Durable caches keep theirs in `<dataDir>/caches`. Made only once a durable stream exists; see [durable streams](../operations.md#durable-streams).',
  durableFsync:
    'When a durable publish is acknowledged: `on_commit` once fsynced (appends waiting together share one fsync), `periodic` once written, fsynced every `durableFsyncIntervalMs` (a power loss may take that much), `none` once written, never fsynced. A stream may set its own (`fsync`).',
  durableFsyncIntervalMs: 'How often `periodic` fsyncs what was written; a stream may set its own (`fsyncIntervalMs`).',
  durableSegmentBytes:
    'Size at which a durable log seals its segment and starts the next; retention deletes whole sealed segments. A stream may set its own (`segmentBytes`).',
  durableIndexSpacingBytes:
    'Bytes of records between sparse index entries: a read from any offset scans at most this much before its first record.',
  durableRetentionBytes:
    'Most bytes a durable log keeps; past it the oldest sealed segments are deleted. 0 keeps everything. A stream may set its own (`retentionBytes`).',
  durableRetentionAgeMs:
    'Sealed segments whose newest record is older than this are deleted (checked every minute). 0 keeps everything. A stream may set its own (`retentionAgeMs`).',
  durableRepair:
    'At start, cut a damaged durable log at its first bad record (and delete the segments after it), instead of refusing to start. An unfinished write at the end of the newest segment is always cut, with or without it. Logs it cut get a new stream epoch.',
  registry:
    'Tenants → namespaces → streams (with optional `maxRecords`, `maxBytes`; `durable: true` with optional `fsync`, `fsyncIntervalMs`, `segmentBytes`, `retentionBytes`, `retentionAgeMs`) and caches (a name, or `{name, durable: true}`). Config file only; streams and caches added by the admin request are kept in `<dataDir>/registry.json`.',
};

interface SchemaNode {
  type?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  pattern?: string;
  items?: SchemaNode;
  additionalProperties?: SchemaNode | boolean;
}

/** The values a setting accepts, in words, from its JSON Schema. */
export function allowedText(node: SchemaNode): string {
  if (node.enum) return `one of ${node.enum.map((v) => code(String(v))).join(', ')}`;
  switch (node.type) {
    case 'integer': {
      const max = node.maximum === Number.MAX_SAFE_INTEGER ? undefined : node.maximum;
      const range =
        node.minimum !== undefined && max !== undefined
          ? `${node.minimum}–${max}`
          : node.minimum !== undefined
            ? `≥ ${node.minimum}`
            : '';
      return `integer${range ? ` ${range}` : ''}`;
    }
    case 'array':
      return `list of ${node.items ? allowedText(node.items) : 'values'}`;
    case 'string':
      return node.pattern ? `string matching ${code(node.pattern)}` : 'string';
    case 'boolean':
      return '`true` or `false`';
    case 'object':
      return 'object';
    default:
      return 'any';
  }
}

function defaultText(value: unknown): string {
  if (value === undefined) return '—';
  if (Array.isArray(value)) return code(value.join(','));
  if (typeof value === 'object') return 'see below';
  if (typeof value === 'number' && value >= 1024 * 1024 && value % (1024 * 1024) === 0) {
    return `${code(value)} (${value / (1024 * 1024)} MiB)`;
  }
  return code(String(value));
}

export function configPage(): string {
  const properties = CONFIG_SCHEMA.properties as Record<string, SchemaNode>;
  const keys = Object.keys(properties);
  const undocumented = keys.filter((k) => !(k in SETTING_DOCS));
  const stale = Object.keys(SETTING_DOCS).filter((k) => !(k in properties));
  if (undocumented.length || stale.length) {
    throw new Error(
      `docs-site/src/reference/config-page.ts: settings without a meaning: [${undocumented.join(', ')}]; meanings of no setting: [${stale.join(', ')}]`,
    );
  }
  const envOf = new Map(Object.entries(CONFIG_ENV).map(([env, [key]]) => [key as string, env]));
  const rows = keys.map((key) => [
    `<a id="setting-${key.toLowerCase()}"></a>${code(key)}`,
    envOf.has(key) ? code(envOf.get(key)!) : 'config file only',
    allowedText(properties[key]),
    defaultText(DEFAULT_CONFIG[key as keyof BrokerConfig]),
    SETTING_DOCS[key as keyof BrokerConfig],
  ]);
  return [
    '# Broker configuration',
    'Settings come from the embedded defaults, then the optional file named by `FELIX_CONFIG` (YAML or JSON, keys as in the first column), then the `FELIX_*` environment variables. A value outside what the table allows stops the broker with exit code 2 and one line naming the setting.',
    markdownTable(['Setting', 'Environment', 'Allowed', 'Default', 'Meaning'], rows),
    '## Default registry',
    '```json',
    JSON.stringify(DEFAULT_CONFIG.registry, null, 2),
    '```',
  ].join('\n\n');
}
