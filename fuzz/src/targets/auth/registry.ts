// What the auth target's broker holds, and the names its operations aim at: registered ones,
// where an allowed request must succeed, and unregistered ones (tenant t3, namespace nowhere,
// stream and cache ghost), where it must be refused with not_found (or forbidden first).
import type { CarrierName } from '@felix/testkit';

/** The carriers the target's sessions use; a clean client runs on each. */
export const CARRIERS: readonly CarrierName[] = ['tls', 'webtransport'];

/** The clean clients' streams: never aimed at by a fuzzed operation, so their order holds. */
export const cleanStream = (carrier: CarrierName) => `fuzz-clean-${carrier}`;

const scope = (streams: string[], caches: string[]) => ({
  streams: Object.fromEntries(streams.map((s) => [s, {}])),
  caches,
});

/** The broker's registry (its config file's `registry`). */
export const REGISTRY = {
  t1: {
    default: scope(['orders', 'audit', ...CARRIERS.map(cleanStream)], ['primary', 'profiles']),
    other: scope(['orders'], ['primary']),
  },
  t2: { default: scope(['orders'], ['primary']) },
} as const;

export const TENANTS = ['t1', 't2', 't3'] as const;
export const NAMESPACES = ['default', 'other', 'nowhere'] as const;
export const STREAMS = ['orders', 'audit', 'ghost'] as const;
export const CACHES = ['primary', 'profiles', 'ghost'] as const;

type Registry = Record<string, Record<string, { streams: Record<string, object>; caches: readonly string[] }>>;

export function isRegisteredTenant(tenant: string): boolean {
  return Object.hasOwn(REGISTRY, tenant);
}

export function isRegistered(kind: 'stream' | 'cache', tenant: string, namespace: string, name: string): boolean {
  const registry: Registry = REGISTRY;
  const ns =
    Object.hasOwn(registry, tenant) && Object.hasOwn(registry[tenant], namespace)
      ? registry[tenant][namespace]
      : undefined;
  if (!ns) return false;
  return kind === 'stream' ? Object.hasOwn(ns.streams, name) : ns.caches.includes(name);
}

/** Every registered stream outside the clean clients', which the auditor watches. */
export function auditedStreams(): { tenant: string; namespace: string; stream: string }[] {
  const registry: Registry = REGISTRY;
  const clean = new Set<string>(CARRIERS.map(cleanStream));
  return Object.entries(registry).flatMap(([tenant, namespaces]) =>
    Object.entries(namespaces).flatMap(([namespace, { streams }]) =>
      Object.keys(streams)
        .filter((stream) => !clean.has(stream))
        .map((stream) => ({ tenant, namespace, stream })),
    ),
  );
}
