// Upstream's strict permission grammar (docs/security/rbac.md): `action:kind:segments`, where
// the segments are names in the spec's name format and `*` may stand only for a whole last
// segment below the tenant. Anything else is refused here, so a typo never widens a grant.
import { nameProblem } from '@felix/generated';
import type { ResourceKind } from './resources.js';

/** Actions the broker enforces, each on one kind of resource. */
export const BROKER_ACTIONS = [
  'tenant.manage',
  'ns.manage',
  'stream.manage',
  'stream.publish',
  'stream.subscribe',
  'cache.manage',
  'cache.read',
  'cache.write',
] as const;
export type Action = (typeof BROKER_ACTIONS)[number];

/**
 * Actions of upstream's control plane. Tokens may carry them; they parse so such a token is not
 * refused, and grant nothing in the broker.
 */
export const CONTROL_PLANE_ACTIONS = [
  'rbac.view',
  'rbac.policy.manage',
  'rbac.assignment.manage',
  'node.view',
] as const;
export type ControlPlaneAction = (typeof CONTROL_PLANE_ACTIONS)[number];

export type PermissionAction = Action | ControlPlaneAction;

/** The kind of resource each broker action is granted on. */
export const ACTION_RESOURCE_KIND: Readonly<Record<Action, ResourceKind>> = {
  'tenant.manage': 'tenant',
  'ns.manage': 'namespace',
  'stream.manage': 'stream',
  'stream.publish': 'stream',
  'stream.subscribe': 'stream',
  'cache.manage': 'cache',
  'cache.read': 'cache',
  'cache.write': 'cache',
};

/** A granted scope; `null` stands for the `/*` form: every namespace, stream or cache there. */
export type ResourcePattern =
  | { kind: 'tenant'; tenant: string }
  | { kind: 'namespace'; tenant: string; namespace: string | null }
  | { kind: 'stream' | 'cache'; tenant: string; namespace: string; name: string | null }
  | { kind: 'cluster' };

export interface Permission {
  action: PermissionAction;
  resource: ResourcePattern;
}

export class PermissionSyntaxError extends Error {
  readonly code = 'invalid_permission' as const;
  constructor(
    readonly permission: string,
    readonly problem: string,
  ) {
    super(`permission ${JSON.stringify(permission)} ${problem}`);
    this.name = 'PermissionSyntaxError';
  }
}

const KNOWN_ACTIONS: ReadonlySet<string> = new Set<string>([...BROKER_ACTIONS, ...CONTROL_PLANE_ACTIONS]);
const SEGMENT_LABELS: Readonly<Record<ResourceKind, readonly string[]>> = {
  tenant: ['tenant'],
  namespace: ['tenant', 'namespace'],
  stream: ['tenant', 'namespace', 'stream'],
  cache: ['tenant', 'namespace', 'cache'],
};
const WILDCARD = '*';

function isTenantKind(kind: string): kind is ResourceKind {
  return Object.hasOwn(SEGMENT_LABELS, kind);
}

function isBrokerAction(action: PermissionAction): action is Action {
  return Object.hasOwn(ACTION_RESOURCE_KIND, action);
}

/** Parses one `action:resource` string; throws PermissionSyntaxError naming the first problem. */
export function parsePermission(text: string): Permission {
  const actionEnd = text.indexOf(':');
  if (actionEnd < 0) fail(text, 'has no ":" between action and resource');
  const action = text.slice(0, actionEnd);
  if (!isKnownAction(action)) fail(text, `has unknown action ${JSON.stringify(action)}`);
  const resource = parseResourcePattern(text, text.slice(actionEnd + 1));
  checkActionFits(text, action, resource);
  return { action, resource };
}

function fail(permission: string, problem: string): never {
  throw new PermissionSyntaxError(permission, problem);
}

function isKnownAction(action: string): action is PermissionAction {
  return KNOWN_ACTIONS.has(action);
}

function parseResourcePattern(permission: string, text: string): ResourcePattern {
  const kindEnd = text.indexOf(':');
  if (kindEnd < 0) fail(permission, 'has no ":" after the resource kind');
  const kind = text.slice(0, kindEnd);
  const path = text.slice(kindEnd + 1);
  if (kind === 'cluster') {
    if (path !== WILDCARD) fail(permission, 'names a cluster scope other than "cluster:*"');
    return { kind: 'cluster' };
  }
  if (!isTenantKind(kind)) fail(permission, `has unknown resource kind ${JSON.stringify(kind)}`);
  const labels = SEGMENT_LABELS[kind];
  const segments = path.split('/');
  if (segments.length !== labels.length) fail(permission, `needs ${labels.join('/')} after "${kind}:"`);
  const last = segments.length - 1;
  const names = segments.map((segment, i): string | null => {
    if (segment === WILDCARD && i === last && i > 0) return null;
    if (segment.includes(WILDCARD)) fail(permission, 'uses "*" other than as the whole last segment below the tenant');
    const problem = nameProblem(segment);
    if (problem !== undefined) fail(permission, `has a ${labels[i]} that ${problem}`);
    return segment;
  });
  // Only the last segment can be null, and never the tenant's.
  const tenant = names[0] as string;
  switch (kind) {
    case 'tenant':
      return { kind, tenant };
    case 'namespace':
      return { kind, tenant, namespace: names[1] };
    case 'stream':
    case 'cache':
      return { kind, tenant, namespace: names[1] as string, name: names[2] };
  }
}

function checkActionFits(permission: string, action: PermissionAction, resource: ResourcePattern): void {
  if (action === 'node.view') {
    if (resource.kind !== 'cluster') fail(permission, 'grants node.view on something other than "cluster:*"');
    return;
  }
  if (resource.kind === 'cluster') fail(permission, `grants ${action} on the cluster, which only node.view may name`);
  if (isBrokerAction(action) && ACTION_RESOURCE_KIND[action] !== resource.kind)
    fail(permission, `grants ${action} on a ${resource.kind}; it applies to a ${ACTION_RESOURCE_KIND[action]}`);
}
