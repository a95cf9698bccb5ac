// A token's `perms`, compiled once when the token is verified into nested maps so each check is a
// few Map lookups and a bit test.
//
// Malformed entries are ignored, never fatal: they grant nothing and are listed in `rejected` for
// the caller to log. Refusing the whole token instead would lock a client out over one entry a
// newer control plane spells in a way this broker does not know, while ignoring it can only ever
// give less than the token asked for.
import {
  ACTION_RESOURCE_KIND,
  type Action,
  BROKER_ACTIONS,
  type Permission,
  PermissionSyntaxError,
  parsePermission,
} from './permission-grammar.js';
import type { Resource } from './resources.js';

/** A `perms` entry that granted nothing, with why. */
export interface RejectedPermission {
  /** The entry as text (non-strings rendered as JSON, cut to 200 characters). */
  permission: string;
  problem: string;
}

const ACTION_BIT = new Map<string, number>(BROKER_ACTIONS.map((action, i) => [action, 1 << i]));
const ACTION_KIND = new Map<string, string>(Object.entries(ACTION_RESOURCE_KIND));

function bits(...actions: Action[]): number {
  return actions.reduce((mask, action) => mask | ACTION_BIT.get(action)!, 0);
}

const STREAM_ALL = bits('stream.manage', 'stream.publish', 'stream.subscribe');
const CACHE_ALL = bits('cache.manage', 'cache.read', 'cache.write');
const NAMESPACE_ALL = bits('ns.manage') | STREAM_ALL | CACHE_ALL;

/** Everything a grant of each action covers on and below its resource. */
const IMPLIED: Readonly<Record<Action, number>> = {
  'tenant.manage': bits('tenant.manage') | NAMESPACE_ALL,
  'ns.manage': NAMESPACE_ALL,
  'stream.manage': STREAM_ALL,
  'stream.publish': bits('stream.publish'),
  'stream.subscribe': bits('stream.subscribe'),
  'cache.manage': CACHE_ALL,
  'cache.read': bits('cache.read'),
  'cache.write': bits('cache.write'),
};

interface NamespaceGrants {
  mask: number;
  everyStream: number;
  streams: Map<string, number>;
  everyCache: number;
  caches: Map<string, number>;
}

interface TenantGrants {
  mask: number;
  everyNamespace: number;
  namespaces: Map<string, NamespaceGrants>;
}

export class PermissionSet {
  private readonly tenants = new Map<string, TenantGrants>();
  /** The entries that parsed, in token order (control-plane actions among them, granting nothing). */
  readonly accepted: readonly string[];
  readonly rejected: readonly RejectedPermission[];

  /** Compiles a token's `perms` claim; any value is accepted, entries that do not parse grant nothing. */
  constructor(perms: readonly unknown[]) {
    const accepted: string[] = [];
    const rejected: RejectedPermission[] = [];
    for (const entry of perms) {
      if (typeof entry !== 'string') {
        rejected.push({ permission: render(entry), problem: 'is not a string' });
        continue;
      }
      try {
        this.grant(parsePermission(entry));
        accepted.push(entry);
      } catch (err) {
        if (!(err instanceof PermissionSyntaxError)) throw err;
        rejected.push({ permission: err.permission, problem: err.problem });
      }
    }
    this.accepted = accepted;
    this.rejected = rejected;
  }

  /** Whether some grant, directly or by implication, allows `action` on `resource`. */
  allows(action: Action, resource: Resource): boolean {
    const bit = ACTION_BIT.get(action);
    if (bit === undefined || ACTION_KIND.get(action) !== resource.kind) return false;
    const tenant = this.tenants.get(resource.tenant);
    if (tenant === undefined) return false;
    let mask = tenant.mask;
    if (resource.kind !== 'tenant') {
      mask |= tenant.everyNamespace;
      const namespace = tenant.namespaces.get(resource.namespace);
      if (namespace !== undefined) {
        mask |= namespace.mask;
        if (resource.kind === 'stream') mask |= namespace.everyStream | (namespace.streams.get(resource.name) ?? 0);
        else if (resource.kind === 'cache') mask |= namespace.everyCache | (namespace.caches.get(resource.name) ?? 0);
      }
    }
    return (mask & bit) !== 0;
  }

  private grant({ action, resource }: Permission): void {
    if (!Object.hasOwn(IMPLIED, action) || resource.kind === 'cluster') return;
    const implied = IMPLIED[action as Action];
    const tenant = this.tenantGrants(resource.tenant);
    switch (resource.kind) {
      case 'tenant':
        tenant.mask |= implied;
        return;
      case 'namespace':
        if (resource.namespace === null) tenant.everyNamespace |= implied;
        else namespaceGrants(tenant, resource.namespace).mask |= implied;
        return;
      case 'stream':
      case 'cache': {
        const namespace = namespaceGrants(tenant, resource.namespace);
        if (resource.kind === 'stream') {
          if (resource.name === null) namespace.everyStream |= implied;
          else namespace.streams.set(resource.name, (namespace.streams.get(resource.name) ?? 0) | implied);
        } else if (resource.name === null) namespace.everyCache |= implied;
        else namespace.caches.set(resource.name, (namespace.caches.get(resource.name) ?? 0) | implied);
        return;
      }
    }
  }

  private tenantGrants(name: string): TenantGrants {
    let tenant = this.tenants.get(name);
    if (tenant === undefined) {
      tenant = { mask: 0, everyNamespace: 0, namespaces: new Map() };
      this.tenants.set(name, tenant);
    }
    return tenant;
  }
}

function namespaceGrants(tenant: TenantGrants, name: string): NamespaceGrants {
  let namespace = tenant.namespaces.get(name);
  if (namespace === undefined) {
    namespace = { mask: 0, everyStream: 0, streams: new Map(), everyCache: 0, caches: new Map() };
    tenant.namespaces.set(name, namespace);
  }
  return namespace;
}

function render(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** Compiles a token's `perms` claim once; see PermissionSet. */
export function compilePermissions(perms: readonly unknown[]): PermissionSet {
  return new PermissionSet(perms);
}
