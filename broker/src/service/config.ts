// Broker configuration: embedded defaults, then an optional config file (FELIX_CONFIG, JSON or
// YAML), then FELIX_* environment variables. Everything is checked with ajv, and registry names
// against the wire's name format; a bad value stops the broker with exit code 2 and one line
// naming the setting and what it allows.
import { readFileSync } from 'node:fs';
import { totalmem } from 'node:os';
import { STORAGE_DEFAULTS } from '@felix/generated/storage';
import { Ajv } from 'ajv';
import { parse as parseYaml } from 'yaml';
import {
  CertificateIdentities,
  CertificateRuleError,
  type ClientCertificateRule,
} from '../auth/certificate-identities.js';
import { checkJwksUrlTemplate } from '../auth/jwks-url.js';
import { checkName, InvalidNameError, type NameKind, quote } from '../core/names.js';

export type Carrier = 'tls' | 'webtransport' | 'quic';
export type OverflowPolicy = 'drop_new' | 'drop_old' | 'disconnect';

export type FsyncMode = 'none' | 'periodic' | 'on_commit';

/** How a durable stream or cache writes and keeps its log; unset fields follow the durable* settings. */
export interface DurableOverrides {
  fsync?: FsyncMode;
  fsyncIntervalMs?: number;
  segmentBytes?: number;
  /** 0: no limit. */
  retentionBytes?: number;
  /** 0: no limit. */
  retentionAgeMs?: number;
}

export interface StreamConfig extends DurableOverrides {
  maxRecords?: number;
  maxBytes?: number;
  /** Kept on disk (segment log) across restarts, rather than only in memory. */
  durable?: boolean;
}

/** A cache by name, or with `durable: true` to keep its entries across restarts. */
export type CacheConfig = string | { name: string; durable?: boolean };

export interface NamespaceConfig {
  streams: Record<string, StreamConfig>;
  caches: CacheConfig[];
}

/** The name of a cache entry of the registry, whichever form it takes. */
export function cacheName(entry: CacheConfig): string {
  return typeof entry === 'string' ? entry : entry.name;
}

export interface BrokerConfig {
  host: string;
  carriers: Carrier[];
  tlsPort: number;
  webtransportPort: number;
  quicPort: number;
  /**
   * ALPN protocols the QUIC carrier offers, in preference order; [] offers none, as upstream's
   * QUIC does. Unset: the host's default (Node: felix, which its QUIC library needs; Deno: none).
   */
  quicAlpn?: string[];
  httpBind: string;
  tlsCert?: string;
  tlsKey?: string;
  /** PEM file of the CAs client certificates must chain to; set, every carrier requires one. */
  tlsClientCa?: string;
  /** Client certificates mapped to a tenant and permissions (see auth/certificate-identities.ts). */
  clientCertificates?: ClientCertificateRule[];
  dataDir: string;
  demoDir?: string;
  drainTimeoutMs: number;
  maxFrameBytes: number;
  streamMaxRecords: number;
  streamMaxBytes: number;
  subscriberQueueBytes: number;
  overflowPolicy: OverflowPolicy;
  eventBatchMaxRecords: number;
  eventBatchMaxBytes: number;
  eventBatchLingerMs: number;
  cacheMaxBytes: number;
  cacheSweepMs: number;
  autoCreate: boolean;
  maxStreams: number;
  maxCaches: number;
  maxSubscriptionsPerSession: number;
  handshakeTimeoutMs: number;
  authTimeoutMs: number;
  /** 0: sessions are never closed for idleness. */
  sessionIdleTimeoutMs: number;
  maxConnections: number;
  maxConnectionsPerAddress: number;
  maxSessionsPerTenant: number;
  /** 0: no limit. */
  tenantPublishBytesPerSecond: number;
  /** Undefined: one second of tenantPublishBytesPerSecond. */
  tenantPublishBurstBytes?: number;
  logLevel: string;
  registry: Record<string, Record<string, NamespaceConfig>>;
  /** A JWKS file whose keys are trusted for every tenant. */
  authJwksFile?: string;
  /** A per-tenant JWKS URL with `{tenant}` in it, e.g. upstream's control plane. */
  authJwksUrl?: string;
  authClockLeewaySeconds: number;
  /** Undefined: a quarter of the memory this process may use (see defaultMemoryBudgetBytes). */
  memoryBudgetBytes?: number;
  /** Answers a session may have waiting for its carriers before its streams stop reading. */
  answersPerSessionBytes: number;
  /** Grace before a session over answersPerSessionBytes must drain at peerMinBytesPerSecond. */
  answerDrainTimeoutMs: number;
  /** Grace before a frame that spans reads must arrive at peerMinBytesPerSecond. */
  frameReceiveTimeoutMs: number;
  /** The slowest a peer may send a frame or read its answers once past the grace. */
  peerMinBytesPerSecond: number;
  /** Where durable streams keep their segment logs; undefined: `<dataDir>/streams`. */
  durableDir?: string;
  durableFsync: FsyncMode;
  durableFsyncIntervalMs: number;
  durableSegmentBytes: number;
  durableIndexSpacingBytes: number;
  /** 0: no limit. */
  durableRetentionBytes: number;
  /** 0: no limit. */
  durableRetentionAgeMs: number;
  /** Cut a damaged log at its first bad record at start, rather than refusing to start. */
  durableRepair: boolean;
}

export const DEFAULT_CONFIG: BrokerConfig = {
  host: '127.0.0.1',
  carriers: ['tls', 'webtransport', 'quic'],
  tlsPort: 5400,
  webtransportPort: 5401,
  quicPort: 5402,
  httpBind: '127.0.0.1:9400',
  dataDir: '.felix-data',
  drainTimeoutMs: 5000,
  maxFrameBytes: 16 * 1024 * 1024,
  streamMaxRecords: 100_000,
  streamMaxBytes: 64 * 1024 * 1024,
  subscriberQueueBytes: 4 * 1024 * 1024,
  overflowPolicy: 'drop_new',
  eventBatchMaxRecords: 64,
  eventBatchMaxBytes: 256 * 1024,
  eventBatchLingerMs: 0,
  cacheMaxBytes: 64 * 1024 * 1024,
  cacheSweepMs: 1000,
  autoCreate: false,
  maxStreams: 10_000,
  maxCaches: 10_000,
  maxSubscriptionsPerSession: 1024,
  handshakeTimeoutMs: 5000,
  authTimeoutMs: 5000,
  sessionIdleTimeoutMs: 300_000,
  maxConnections: 10_000,
  maxConnectionsPerAddress: 1000,
  maxSessionsPerTenant: 5000,
  tenantPublishBytesPerSecond: 0,
  logLevel: 'info',
  authClockLeewaySeconds: 30,
  answersPerSessionBytes: 4 * 1024 * 1024,
  answerDrainTimeoutMs: 10_000,
  frameReceiveTimeoutMs: 10_000,
  peerMinBytesPerSecond: 128 * 1024,
  durableFsync: 'periodic',
  durableFsyncIntervalMs: 250,
  durableSegmentBytes: STORAGE_DEFAULTS.segment_size_bytes,
  durableIndexSpacingBytes: STORAGE_DEFAULTS.index_spacing_bytes,
  durableRetentionBytes: 0,
  durableRetentionAgeMs: 0,
  durableRepair: false,
  registry: { t1: { default: { streams: { demo: {} }, caches: ['primary'] } } },
};

type Kind = 'string' | 'port' | 'int' | 'bool' | 'carriers' | 'alpn' | 'policy' | 'level' | 'bind';
/** Environment variable → config key and how to read it. */
const ENV: Record<string, [keyof BrokerConfig, Kind]> = {
  FELIX_HOST: ['host', 'string'],
  FELIX_CARRIERS: ['carriers', 'carriers'],
  FELIX_TLS_PORT: ['tlsPort', 'port'],
  FELIX_WEBTRANSPORT_PORT: ['webtransportPort', 'port'],
  FELIX_QUIC_PORT: ['quicPort', 'port'],
  FELIX_QUIC_ALPN: ['quicAlpn', 'alpn'],
  FELIX_HTTP_BIND: ['httpBind', 'bind'],
  FELIX_TLS_CERT: ['tlsCert', 'string'],
  FELIX_TLS_KEY: ['tlsKey', 'string'],
  FELIX_TLS_CLIENT_CA: ['tlsClientCa', 'string'],
  FELIX_DATA_DIR: ['dataDir', 'string'],
  FELIX_DEMO_DIR: ['demoDir', 'string'],
  FELIX_DRAIN_TIMEOUT_MS: ['drainTimeoutMs', 'int'],
  FELIX_MAX_FRAME_BYTES: ['maxFrameBytes', 'int'],
  FELIX_STREAM_MAX_RECORDS: ['streamMaxRecords', 'int'],
  FELIX_STREAM_MAX_BYTES: ['streamMaxBytes', 'int'],
  FELIX_SUBSCRIBER_QUEUE_BYTES: ['subscriberQueueBytes', 'int'],
  FELIX_OVERFLOW_POLICY: ['overflowPolicy', 'policy'],
  FELIX_EVENT_BATCH_MAX_RECORDS: ['eventBatchMaxRecords', 'int'],
  FELIX_EVENT_BATCH_MAX_BYTES: ['eventBatchMaxBytes', 'int'],
  FELIX_EVENT_BATCH_LINGER_MS: ['eventBatchLingerMs', 'int'],
  FELIX_CACHE_MAX_BYTES: ['cacheMaxBytes', 'int'],
  FELIX_CACHE_SWEEP_MS: ['cacheSweepMs', 'int'],
  FELIX_AUTO_CREATE: ['autoCreate', 'bool'],
  FELIX_MAX_STREAMS: ['maxStreams', 'int'],
  FELIX_MAX_CACHES: ['maxCaches', 'int'],
  FELIX_MAX_SUBSCRIPTIONS_PER_SESSION: ['maxSubscriptionsPerSession', 'int'],
  FELIX_HANDSHAKE_TIMEOUT_MS: ['handshakeTimeoutMs', 'int'],
  FELIX_AUTH_TIMEOUT_MS: ['authTimeoutMs', 'int'],
  FELIX_SESSION_IDLE_TIMEOUT_MS: ['sessionIdleTimeoutMs', 'int'],
  FELIX_MAX_CONNECTIONS: ['maxConnections', 'int'],
  FELIX_MAX_CONNECTIONS_PER_ADDRESS: ['maxConnectionsPerAddress', 'int'],
  FELIX_MAX_SESSIONS_PER_TENANT: ['maxSessionsPerTenant', 'int'],
  FELIX_TENANT_PUBLISH_BYTES_PER_SECOND: ['tenantPublishBytesPerSecond', 'int'],
  FELIX_TENANT_PUBLISH_BURST_BYTES: ['tenantPublishBurstBytes', 'int'],
  FELIX_LOG_LEVEL: ['logLevel', 'level'],
  FELIX_AUTH_JWKS_FILE: ['authJwksFile', 'string'],
  FELIX_AUTH_JWKS_URL: ['authJwksUrl', 'string'],
  FELIX_AUTH_CLOCK_LEEWAY_SECONDS: ['authClockLeewaySeconds', 'int'],
  FELIX_MEMORY_BUDGET_BYTES: ['memoryBudgetBytes', 'int'],
  FELIX_ANSWERS_PER_SESSION_BYTES: ['answersPerSessionBytes', 'int'],
  FELIX_ANSWER_DRAIN_TIMEOUT_MS: ['answerDrainTimeoutMs', 'int'],
  FELIX_FRAME_RECEIVE_TIMEOUT_MS: ['frameReceiveTimeoutMs', 'int'],
  FELIX_PEER_MIN_BYTES_PER_SECOND: ['peerMinBytesPerSecond', 'int'],
  FELIX_DURABLE_DIR: ['durableDir', 'string'],
  FELIX_DURABLE_FSYNC: ['durableFsync', 'string'],
  FELIX_DURABLE_FSYNC_INTERVAL_MS: ['durableFsyncIntervalMs', 'int'],
  FELIX_DURABLE_SEGMENT_BYTES: ['durableSegmentBytes', 'int'],
  FELIX_DURABLE_INDEX_SPACING_BYTES: ['durableIndexSpacingBytes', 'int'],
  FELIX_DURABLE_RETENTION_BYTES: ['durableRetentionBytes', 'int'],
  FELIX_DURABLE_RETENTION_AGE_MS: ['durableRetentionAgeMs', 'int'],
  FELIX_DURABLE_REPAIR: ['durableRepair', 'bool'],
};

const positive = (max = Number.MAX_SAFE_INTEGER) => ({ type: 'integer', minimum: 1, maximum: max });
const noneOrMore = { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER };
/** A segment must hold its header and one record header; the format's u32 lengths bound it above. */
const SEGMENT_BYTES = { type: 'integer', minimum: 4096, maximum: 0xffffffff };
const FSYNC_MODE = { enum: ['none', 'periodic', 'on_commit'] };
const FSYNC_INTERVAL_MS = positive(3_600_000);
/** The durable settings one stream may set for itself (config file and admin request). */
export const STREAM_ENTRY_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    maxRecords: positive(100_000_000),
    maxBytes: positive(),
    durable: { type: 'boolean' },
    fsync: FSYNC_MODE,
    fsyncIntervalMs: FSYNC_INTERVAL_MS,
    segmentBytes: SEGMENT_BYTES,
    retentionBytes: noneOrMore,
    retentionAgeMs: noneOrMore,
  },
} as const;
const SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    host: { type: 'string', minLength: 1 },
    carriers: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: ['tls', 'webtransport', 'quic'] } },
    tlsPort: { type: 'integer', minimum: 0, maximum: 65535 },
    webtransportPort: { type: 'integer', minimum: 0, maximum: 65535 },
    quicPort: { type: 'integer', minimum: 0, maximum: 65535 },
    // An ALPN protocol id is 1 to 255 bytes (RFC 7301); these are ASCII names.
    quicAlpn: {
      type: 'array',
      uniqueItems: true,
      items: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
    },
    httpBind: { type: 'string', pattern: '^(\\[[0-9a-fA-F:]+\\]|[^:\\s]+):\\d{1,5}$' },
    tlsCert: { type: 'string', minLength: 1 },
    tlsKey: { type: 'string', minLength: 1 },
    tlsClientCa: { type: 'string', minLength: 1 },
    clientCertificates: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['tenant', 'permissions'],
        properties: {
          commonName: { type: 'string', minLength: 1 },
          dns: { type: 'string', minLength: 1 },
          uri: { type: 'string', minLength: 1 },
          tenant: { type: 'string', minLength: 1 },
          permissions: { type: 'array', items: { type: 'string' } },
        },
      },
    },
    dataDir: { type: 'string', minLength: 1 },
    demoDir: { type: 'string', minLength: 1 },
    drainTimeoutMs: { type: 'integer', minimum: 0, maximum: 600_000 },
    maxFrameBytes: positive(0xffffffff),
    streamMaxRecords: positive(100_000_000),
    streamMaxBytes: positive(),
    subscriberQueueBytes: positive(),
    overflowPolicy: { enum: ['drop_new', 'drop_old', 'disconnect'] },
    eventBatchMaxRecords: positive(65536),
    eventBatchMaxBytes: positive(),
    eventBatchLingerMs: { type: 'integer', minimum: 0, maximum: 10_000 },
    cacheMaxBytes: positive(),
    cacheSweepMs: positive(3_600_000),
    autoCreate: { type: 'boolean' },
    maxStreams: positive(),
    maxCaches: positive(),
    maxSubscriptionsPerSession: positive(),
    handshakeTimeoutMs: positive(600_000),
    authTimeoutMs: positive(600_000),
    sessionIdleTimeoutMs: { type: 'integer', minimum: 0, maximum: 86_400_000 },
    maxConnections: positive(),
    maxConnectionsPerAddress: positive(),
    maxSessionsPerTenant: positive(),
    tenantPublishBytesPerSecond: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
    tenantPublishBurstBytes: positive(),
    logLevel: { enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] },
    authJwksFile: { type: 'string', minLength: 1 },
    authJwksUrl: { type: 'string', minLength: 1 },
    authClockLeewaySeconds: { type: 'integer', minimum: 0, maximum: 3600 },
    memoryBudgetBytes: { type: 'integer', minimum: 16 * 1024 * 1024, maximum: Number.MAX_SAFE_INTEGER },
    answersPerSessionBytes: positive(),
    answerDrainTimeoutMs: positive(600_000),
    frameReceiveTimeoutMs: positive(600_000),
    peerMinBytesPerSecond: positive(),
    durableDir: { type: 'string', minLength: 1 },
    durableFsync: FSYNC_MODE,
    durableFsyncIntervalMs: FSYNC_INTERVAL_MS,
    durableSegmentBytes: SEGMENT_BYTES,
    durableIndexSpacingBytes: positive(0xffffffff),
    durableRetentionBytes: noneOrMore,
    durableRetentionAgeMs: noneOrMore,
    durableRepair: { type: 'boolean' },
    registry: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: {
          type: 'object',
          additionalProperties: false,
          properties: {
            streams: { type: 'object', additionalProperties: STREAM_ENTRY_SCHEMA },
            caches: {
              type: 'array',
              items: {
                oneOf: [
                  { type: 'string', minLength: 1 },
                  {
                    type: 'object',
                    additionalProperties: false,
                    required: ['name'],
                    properties: { name: { type: 'string', minLength: 1 }, durable: { type: 'boolean' } },
                  },
                ],
              },
            },
          },
        },
      },
    },
  },
};

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Settings of a stream entry that only a durable stream may set. */
export const DURABLE_OVERRIDES = [
  'fsync',
  'fsyncIntervalMs',
  'segmentBytes',
  'retentionBytes',
  'retentionAgeMs',
] as const;

/**
 * Every name in `registry` follows the name format, durable settings go with durable streams and
 * no cache is listed twice, or a ConfigError says what does not.
 */
function checkRegistryNames(registry: BrokerConfig['registry']): void {
  const where: string[] = [];
  const check = (kind: NameKind, name: string) => {
    try {
      checkName(kind, name);
    } catch (err) {
      if (!(err instanceof InvalidNameError)) throw err;
      const within = where.length ? ` (in ${where.join(', ')})` : '';
      throw new ConfigError(`config registry is invalid: ${err.message}${within}`);
    }
  };
  for (const [tenant, namespaces] of Object.entries(registry)) {
    check('tenant', tenant);
    where.push(`tenant ${quote(tenant)}`);
    for (const [namespace, ns] of Object.entries(namespaces)) {
      check('namespace', namespace);
      where.push(`namespace ${quote(namespace)}`);
      for (const [stream, entry] of Object.entries(ns.streams ?? {})) {
        check('stream', stream);
        const override = DURABLE_OVERRIDES.find((key) => entry[key] !== undefined);
        if (override !== undefined && entry.durable !== true)
          throw new ConfigError(
            `config registry stream ${quote(stream)} (in ${where.join(', ')}) is invalid: ${override} applies only to a durable stream (durable: true)`,
          );
      }
      const caches = new Set<string>();
      for (const entry of ns.caches ?? []) {
        const cache = cacheName(entry);
        check('cache', cache);
        if (caches.has(cache))
          throw new ConfigError(`config registry cache ${quote(cache)} (in ${where.join(', ')}) is listed twice`);
        caches.add(cache);
      }
      where.pop();
    }
    where.pop();
  }
}

function envValue(name: string, raw: string, kind: Kind): unknown {
  const fail = (allowed: string) => {
    throw new ConfigError(`${name}=${JSON.stringify(raw)} is invalid: ${allowed}`);
  };
  switch (kind) {
    case 'port':
    case 'int': {
      if (!/^\d+$/.test(raw.trim()))
        fail(kind === 'port' ? 'expected a port number 0-65535' : 'expected a whole number');
      return Number(raw);
    }
    case 'bool':
      if (!/^(true|false|1|0)$/i.test(raw)) fail('expected true or false');
      return /^(true|1)$/i.test(raw);
    case 'alpn':
      // An empty value reads as unset, so "none" is how the environment asks for no ALPN.
      if (raw.trim().toLowerCase() === 'none') return [];
      return raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    case 'carriers':
      return raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    default:
      return raw;
  }
}

/** Which environment variable feeds a config key, for error messages. */
function sourceOf(key: string, fromEnv: Set<string>): string {
  const env = Object.entries(ENV).find(([, [k]]) => k === key)?.[0];
  return env && fromEnv.has(env) ? env : `config ${key}`;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): BrokerConfig {
  let fileConfig: Record<string, unknown> = {};
  if (env.FELIX_CONFIG) {
    let text: string;
    try {
      text = readFileSync(env.FELIX_CONFIG, 'utf8');
    } catch (err) {
      throw new ConfigError(`FELIX_CONFIG=${env.FELIX_CONFIG}: cannot read it (${(err as Error).message})`);
    }
    try {
      fileConfig = (parseYaml(text) ?? {}) as Record<string, unknown>;
    } catch (err) {
      throw new ConfigError(
        `FELIX_CONFIG=${env.FELIX_CONFIG}: not valid YAML or JSON (${(err as Error).message.split('\n')[0]})`,
      );
    }
  }
  const merged: Record<string, unknown> = { ...DEFAULT_CONFIG, ...fileConfig };
  const fromEnv = new Set<string>();
  for (const [name, [key, kind]] of Object.entries(ENV)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    merged[key] = envValue(name, raw, kind);
    fromEnv.add(name);
  }
  const ajv = new Ajv({ allErrors: false, strict: false });
  const validate = ajv.compile(SCHEMA);
  if (!validate(merged)) {
    const e = validate.errors![0];
    const key = e.instancePath.split('/')[1] ?? (e.params as { additionalProperty?: string }).additionalProperty ?? '';
    const where =
      e.keyword === 'additionalProperties'
        ? `config key "${(e.params as { additionalProperty: string }).additionalProperty}"`
        : sourceOf(key, fromEnv);
    const allowed =
      e.keyword === 'enum'
        ? `allowed: ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`
        : e.keyword === 'additionalProperties'
          ? 'unknown setting'
          : (e.message ?? e.keyword);
    throw new ConfigError(
      `${where}${e.instancePath.split('/').length > 2 ? ` (${e.instancePath})` : ''} is invalid: ${allowed}`,
    );
  }
  const config = merged as unknown as BrokerConfig;
  checkRegistryNames(config.registry);
  if ((config.tlsCert === undefined) !== (config.tlsKey === undefined)) {
    throw new ConfigError('FELIX_TLS_CERT and FELIX_TLS_KEY must be given together');
  }
  checkAuthKeys(config, fromEnv);
  checkClientCertificates(config);
  return config;
}

/** Rules that can match, each for a tenant in the name format, and only with a client CA to verify certificates. */
function checkClientCertificates(config: BrokerConfig): void {
  const rules = config.clientCertificates;
  if (rules === undefined || rules.length === 0) return;
  if (config.tlsClientCa === undefined)
    throw new ConfigError(
      'config clientCertificates needs tlsClientCa (FELIX_TLS_CLIENT_CA): without it no client certificate is asked for',
    );
  rules.forEach((rule, index) => {
    try {
      checkName('tenant', rule.tenant);
    } catch (err) {
      if (!(err instanceof InvalidNameError)) throw err;
      throw new ConfigError(`config clientCertificates (/clientCertificates/${index}) is invalid: ${err.message}`);
    }
  });
  try {
    new CertificateIdentities(rules);
  } catch (err) {
    if (!(err instanceof CertificateRuleError)) throw err;
    throw new ConfigError(`config clientCertificates (/clientCertificates/${err.index}) is invalid: ${err.problem}`);
  }
}

/** At most one key source, and a URL template the key source will take. */
function checkAuthKeys(config: BrokerConfig, fromEnv: Set<string>): void {
  if (config.authJwksFile !== undefined && config.authJwksUrl !== undefined)
    throw new ConfigError(
      `${sourceOf('authJwksFile', fromEnv)} and ${sourceOf('authJwksUrl', fromEnv)} are exclusive: give one key source`,
    );
  if (config.authJwksUrl !== undefined) {
    try {
      checkJwksUrlTemplate(config.authJwksUrl);
    } catch (err) {
      if (!(err instanceof TypeError)) throw err;
      throw new ConfigError(`${sourceOf('authJwksUrl', fromEnv)} is invalid: ${err.message}`);
    }
  }
}

/**
 * A quarter of the memory this process may use: the machine's, or the container's limit when
 * that is smaller. The rest is left to the runtime's own heap overhead, the page cache and
 * whatever else shares the host.
 */
export function defaultMemoryBudgetBytes(): number {
  const constrained = process.constrainedMemory?.() ?? 0;
  const available = constrained > 0 ? Math.min(constrained, totalmem()) : totalmem();
  return Math.floor(available / 4);
}

/** The memory budget the broker runs with: the configured one or the default share. */
export function memoryBudgetOf(config: Pick<BrokerConfig, 'memoryBudgetBytes'>): number {
  return config.memoryBudgetBytes ?? defaultMemoryBudgetBytes();
}

export function parseBind(bind: string): { host: string; port: number } {
  const at = bind.lastIndexOf(':');
  return { host: bind.slice(0, at).replace(/^\[|\]$/g, ''), port: Number(bind.slice(at + 1)) };
}

/** The settings' schema and their environment variables, for the generated configuration reference. */
export { ENV as CONFIG_ENV, SCHEMA as CONFIG_SCHEMA };
