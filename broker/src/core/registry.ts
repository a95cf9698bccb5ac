// Which tenants, namespaces, streams and caches exist. Names are registered explicitly (config
// file or admin request); an unknown name is a clear not_found, unless the operator opted in to
// creating them on first use for development. Every name is checked against the name format
// before it is registered, and the maps are nested per level, so no two (tenant, namespace,
// name) triples can share an entry whatever characters their names hold.
import { checkName } from './names.js';
import { StreamLog, type StreamLogLimits } from './stream-log.js';
import type { StreamRetention } from './stream-retention.js';

export interface StreamSettings extends StreamLogLimits {}

export class NotFoundError extends Error {
  readonly code = 'not_found';
  constructor(kind: string, name: string) {
    super(`${kind} ${name} is not registered`);
    this.name = 'NotFoundError';
  }
}

/** Which registry cap refused a name, with the environment variable that sets it. */
const CAP_SETTINGS = {
  maxStreams: { what: 'streams', env: 'FELIX_MAX_STREAMS' },
  maxCaches: { what: 'caches', env: 'FELIX_MAX_CACHES' },
} as const;

export type RegistryCap = keyof typeof CAP_SETTINGS;

/**
 * A new stream or cache past the registry's cap. Its message names the setting and its
 * environment variable, so whoever reads the refusal knows what to raise.
 */
export class LimitExceededError extends Error {
  readonly code = 'limit_exceeded';
  constructor(
    readonly limit: RegistryCap,
    cap: number,
  ) {
    const { what, env } = CAP_SETTINGS[limit];
    super(`the broker holds ${cap} ${what}, its limit (${limit}, ${env})`);
    this.name = 'LimitExceededError';
  }
}

/** A registration that names an existing stream or cache with other settings (durable or not). */
export class RegistryConflictError extends Error {
  readonly code = 'conflict';
  constructor(message: string) {
    super(message);
    this.name = 'RegistryConflictError';
  }
}

export interface RegistryOptions {
  autoCreate: boolean;
  defaultStream: StreamSettings;
  /** Upper bound on streams and caches, so auto-create cannot grow without limit. */
  maxStreams: number;
  maxCaches: number;
  /** Where stream logs charge their memory; none in tests of the registry alone. */
  retention?: StreamRetention;
}

/** Where a stream's offsets go on from, and in which incarnation of its log (stream epochs). */
export interface StreamOrigin {
  firstOffset: number;
  epoch: number;
}

export interface StreamEntry {
  tenant: string;
  namespace: string;
  name: string;
  log: StreamLog;
}

interface NamespaceEntry {
  streams: Map<string, StreamEntry>;
  caches: Set<string>;
}

/** Checks every level of a name in order, so the first bad one is the one reported. */
function checkNames(tenant: string, namespace: string, kind: 'stream' | 'cache', name: string): void {
  checkName('tenant', tenant);
  checkName('namespace', namespace);
  checkName(kind, name);
}

// For people only (messages): names never contain "/", so the joined form reads unambiguously.
const display = (...parts: string[]) => parts.join('/');

export class Registry {
  private readonly tenants = new Map<string, Map<string, NamespaceEntry>>();
  private streamTotal = 0;
  private cacheTotal = 0;

  constructor(readonly options: RegistryOptions) {}

  /** Registers the tenant (idempotent). Throws InvalidNameError. */
  addTenant(tenant: string): void {
    this.tenantScope(tenant);
  }

  /** Registers the namespace and its tenant (idempotent). Throws InvalidNameError. */
  addNamespace(tenant: string, namespace: string): void {
    this.namespaceScope(tenant, namespace);
  }

  private tenantScope(tenant: string): Map<string, NamespaceEntry> {
    let namespaces = this.tenants.get(tenant);
    if (!namespaces) {
      checkName('tenant', tenant);
      namespaces = new Map();
      this.tenants.set(tenant, namespaces);
    }
    return namespaces;
  }

  private namespaceScope(tenant: string, namespace: string): NamespaceEntry {
    const namespaces = this.tenantScope(tenant);
    let entry = namespaces.get(namespace);
    if (!entry) {
      checkName('namespace', namespace);
      entry = { streams: new Map(), caches: new Set() };
      namespaces.set(namespace, entry);
    }
    return entry;
  }

  /**
   * Registers the stream (idempotent). Throws InvalidNameError, or LimitExceededError past
   * maxStreams. A stream whose records live on in a durable log passes where that log goes on
   * (`origin`), so its in-memory tail counts offsets as the log does.
   */
  addStream(
    tenant: string,
    namespace: string,
    name: string,
    settings: Partial<StreamSettings> = {},
    origin?: StreamOrigin,
  ): StreamEntry {
    const existing = this.findStream(tenant, namespace, name);
    if (existing) return existing;
    // Checked before the tenant and namespace are made, so a refused name leaves nothing behind.
    this.checkNewStream(tenant, namespace, name);
    const scope = this.namespaceScope(tenant, namespace);
    const limits = { ...this.options.defaultStream, ...settings };
    const log = new StreamLog(limits, this.options.retention, origin?.epoch);
    if (origin) log.startAt(origin.firstOffset);
    const entry = { tenant, namespace, name, log };
    scope.streams.set(name, entry);
    this.streamTotal++;
    return entry;
  }

  /** Throws what addStream would for a stream it does not hold yet: a bad name, or the cap reached. */
  checkNewStream(tenant: string, namespace: string, name: string): void {
    checkNames(tenant, namespace, 'stream', name);
    if (this.streamTotal >= this.options.maxStreams)
      throw new LimitExceededError('maxStreams', this.options.maxStreams);
  }

  /** The stream if it is registered; never creates one. */
  findStream(tenant: string, namespace: string, name: string): StreamEntry | undefined {
    return this.tenants.get(tenant)?.get(namespace)?.streams.get(name);
  }

  hasCache(tenant: string, namespace: string, name: string): boolean {
    return this.tenants.get(tenant)?.get(namespace)?.caches.has(name) ?? false;
  }

  /** Throws what addCache would for a cache it does not hold yet: a bad name, or the cap reached. */
  checkNewCache(tenant: string, namespace: string, name: string): void {
    checkNames(tenant, namespace, 'cache', name);
    if (this.cacheTotal >= this.options.maxCaches) throw new LimitExceededError('maxCaches', this.options.maxCaches);
  }

  /** Registers the cache (idempotent). Throws InvalidNameError, or LimitExceededError past maxCaches. */
  addCache(tenant: string, namespace: string, name: string): void {
    if (this.hasCache(tenant, namespace, name)) return;
    this.checkNewCache(tenant, namespace, name);
    const scope = this.namespaceScope(tenant, namespace);
    scope.caches.add(name);
    this.cacheTotal++;
  }

  hasTenant(tenant: string): boolean {
    return this.tenants.has(tenant);
  }

  /** The namespace's entry. Throws NotFoundError naming the first level that is missing. */
  private existingScope(tenant: string, namespace: string): NamespaceEntry {
    const namespaces = this.tenants.get(tenant);
    if (!namespaces) throw new NotFoundError('tenant', tenant);
    const entry = namespaces.get(namespace);
    if (!entry) throw new NotFoundError('namespace', display(tenant, namespace));
    return entry;
  }

  /** The stream, created first when auto-create is on. Throws NotFoundError or LimitExceededError. */
  stream(tenant: string, namespace: string, name: string): StreamEntry {
    const entry = this.tenants.get(tenant)?.get(namespace)?.streams.get(name);
    if (entry) return entry;
    if (this.options.autoCreate) return this.addStream(tenant, namespace, name);
    this.existingScope(tenant, namespace);
    throw new NotFoundError('stream', display(tenant, namespace, name));
  }

  /** Checks the cache exists, creating it first when auto-create is on. Throws NotFoundError or LimitExceededError. */
  cache(tenant: string, namespace: string, name: string): void {
    if (this.tenants.get(tenant)?.get(namespace)?.caches.has(name)) return;
    if (this.options.autoCreate) {
      this.addCache(tenant, namespace, name);
      return;
    }
    this.existingScope(tenant, namespace);
    throw new NotFoundError('cache', display(tenant, namespace, name));
  }

  get streamCount(): number {
    return this.streamTotal;
  }

  /** Closes every stream's log, giving its memory back (the broker is stopping). */
  close(): void {
    for (const namespaces of this.tenants.values())
      for (const scope of namespaces.values()) for (const entry of scope.streams.values()) entry.log.close();
  }
}
