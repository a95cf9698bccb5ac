// Which tenants, namespaces, streams and caches exist. Names are registered explicitly (config
// file or admin request); an unknown name is a clear not_found, unless the operator opted in to
// creating them on first use for development.
import { StreamLog, type StreamLogLimits } from './stream-log.js';

export interface StreamSettings extends StreamLogLimits {}

export class NotFoundError extends Error {
  readonly code = 'not_found';
  constructor(kind: string, name: string) {
    super(`${kind} ${name} is not registered`);
    this.name = 'NotFoundError';
  }
}

export interface RegistryOptions {
  autoCreate: boolean;
  defaultStream: StreamSettings;
  /** Upper bound on streams and caches, so auto-create cannot grow without limit. */
  maxStreams: number;
  maxCaches: number;
}

export interface StreamEntry {
  tenant: string;
  namespace: string;
  name: string;
  log: StreamLog;
}

const path = (...parts: string[]) => parts.join('/');

export class Registry {
  private readonly tenants = new Set<string>();
  private readonly namespaces = new Set<string>();
  private readonly streams = new Map<string, StreamEntry>();
  private readonly caches = new Set<string>();

  constructor(readonly options: RegistryOptions) {}

  addTenant(tenant: string): void {
    this.tenants.add(tenant);
  }

  addNamespace(tenant: string, namespace: string): void {
    this.addTenant(tenant);
    this.namespaces.add(path(tenant, namespace));
  }

  addStream(tenant: string, namespace: string, name: string, settings: Partial<StreamSettings> = {}): StreamEntry {
    this.addNamespace(tenant, namespace);
    const key = path(tenant, namespace, name);
    const existing = this.streams.get(key);
    if (existing) return existing;
    if (this.streams.size >= this.options.maxStreams)
      throw new Error(`stream limit ${this.options.maxStreams} reached`);
    const entry = { tenant, namespace, name, log: new StreamLog({ ...this.options.defaultStream, ...settings }) };
    this.streams.set(key, entry);
    return entry;
  }

  addCache(tenant: string, namespace: string, name: string): void {
    this.addNamespace(tenant, namespace);
    if (!this.caches.has(path(tenant, namespace, name)) && this.caches.size >= this.options.maxCaches) {
      throw new Error(`cache limit ${this.options.maxCaches} reached`);
    }
    this.caches.add(path(tenant, namespace, name));
  }

  hasTenant(tenant: string): boolean {
    return this.tenants.has(tenant);
  }

  private checkScope(tenant: string, namespace: string): void {
    if (!this.tenants.has(tenant)) throw new NotFoundError('tenant', tenant);
    if (!this.namespaces.has(path(tenant, namespace))) throw new NotFoundError('namespace', path(tenant, namespace));
  }

  /** The stream, created first when auto-create is on. Throws NotFoundError. */
  stream(tenant: string, namespace: string, name: string): StreamEntry {
    const entry = this.streams.get(path(tenant, namespace, name));
    if (entry) return entry;
    if (this.options.autoCreate) return this.addStream(tenant, namespace, name);
    this.checkScope(tenant, namespace);
    throw new NotFoundError('stream', path(tenant, namespace, name));
  }

  /** Checks the cache exists, creating it first when auto-create is on. Throws NotFoundError. */
  cache(tenant: string, namespace: string, name: string): void {
    if (this.caches.has(path(tenant, namespace, name))) return;
    if (this.options.autoCreate) {
      this.addCache(tenant, namespace, name);
      return;
    }
    this.checkScope(tenant, namespace);
    throw new NotFoundError('cache', path(tenant, namespace, name));
  }

  get streamCount(): number {
    return this.streams.size;
  }
}
