// Random `perms` claims: mostly grants in the permission grammar (exact, wildcard, other
// namespaces, other tenants, mismatched kinds), mixed with entries a strict grammar must
// refuse (misplaced wildcards, bad names, near-miss spellings) and values that are not strings.
import { ACTION_RESOURCE_KIND, BROKER_ACTIONS, CONTROL_PLANE_ACTIONS } from '@felix/broker/auth';
import type { Rng } from '../../rng.js';
import { CACHES, NAMESPACES, STREAMS, TENANTS } from './registry.js';

const KIND_OF: Readonly<Record<string, string>> = ACTION_RESOURCE_KIND;

/** Entries the grammar refuses; each is near something it accepts. */
const MALFORMED: readonly string[] = [
  '',
  '*',
  '*:*',
  '*:*:*',
  'stream.publish',
  'stream.publish:',
  'stream.publish:stream',
  'stream.publish:stream:',
  'stream.publish:stream:t1',
  'stream.publish:stream:t1/default',
  'stream.publish:stream:t1/default/orders/',
  'stream.publish:stream:t1/default/orders/x',
  'stream.publish:stream:t1//orders',
  'stream.publish:stream:/default/orders',
  'stream.publish:stream:*/default/orders',
  'stream.publish:stream:t1/*/orders',
  'stream.publish:stream:t1/*/*',
  'stream.publish:stream:t1/default/ord*',
  'stream.publish:stream:t1/default/**',
  'stream.publish:stream:t1/default/.',
  'stream.publish:stream:t1/../orders',
  'stream.publish:stream:t1/default/or\u0000ders',
  'stream.publish:stream:t1/default/orders\n',
  'stream.publish:stream:t1/default/\u0085orders',
  ' stream.publish:stream:t1/default/orders',
  'stream.publish :stream:t1/default/orders',
  'Stream.Publish:stream:t1/default/orders',
  'stream.publish:Stream:t1/default/orders',
  'stream.*:stream:t1/default/orders',
  'stream:stream:t1/default/orders',
  'stream.publish:cache:t1/default/primary',
  'cache.read:stream:t1/default/orders',
  'cache.read:cache:t1/default',
  'cache.read:cache:t1/default/*/x',
  'ns.manage:namespace:t1',
  'ns.manage:namespace:*',
  'tenant.manage:tenant:*',
  'tenant.manage:tenant:t1/*',
  'tenant.manage:tenant:t1/default',
  'tenant.manage:cluster:*',
  'tenant.manage:tenant:',
  'node.view:tenant:t1',
  'node.view:cluster:t1',
  'stream.publish:cluster:*',
  'rbac.view:cluster:*',
  `stream.publish:stream:t1/default/${'o'.repeat(256)}`,
  'stream.publish:stream:t\uff11/default/orders',
  'stream.publish:stream:t1/default/orders:extra',
  'stream.publish:stream:t1\\default\\orders',
];

/** Values of other JSON types, which grant nothing. */
const NOT_STRINGS: readonly unknown[] = [
  null,
  0,
  1,
  -1,
  true,
  false,
  {},
  [],
  ['tenant.manage:tenant:t1'],
  { action: 'tenant.manage', resource: 'tenant:t1' },
  { 'tenant.manage:tenant:t1': true },
  1e308,
];

/** One grant in the grammar, aimed anywhere the operations go and a little beyond. */
export function wellFormedPermission(rng: Rng): string {
  if (rng.chance(0.05)) return `${rng.pick(CONTROL_PLANE_ACTIONS)}:${rng.chance(0.5) ? 'cluster:*' : 'tenant:t1'}`;
  const action = rng.pick(BROKER_ACTIONS);
  // Mostly the kind the action applies to; sometimes another, which parses and grants nothing.
  const kind = rng.chance(0.9) ? KIND_OF[action] : rng.pick(['tenant', 'namespace', 'stream', 'cache']);
  const tenant = rng.chance(0.7) ? 't1' : rng.pick(TENANTS);
  const namespace = rng.chance(0.15) ? '*' : rng.chance(0.7) ? 'default' : rng.pick(NAMESPACES);
  const name = rng.chance(0.3) ? '*' : rng.pick(kind === 'cache' ? CACHES : STREAMS);
  switch (kind) {
    case 'tenant':
      return `${action}:tenant:${tenant}`;
    case 'namespace':
      return `${action}:namespace:${tenant}/${namespace}`;
    default:
      return `${action}:${kind}:${tenant}/${namespace === '*' ? 'default' : namespace}/${name}`;
  }
}

/** A string close to a grant: one character dropped, doubled or swapped for another. */
function nearMiss(rng: Rng): string {
  const p = wellFormedPermission(rng);
  const at = rng.below(p.length);
  switch (rng.below(3)) {
    case 0:
      return p.slice(0, at) + p.slice(at + 1);
    case 1:
      return p.slice(0, at) + p[at] + p.slice(at);
    default:
      return p.slice(0, at) + rng.pick([':', '/', '*', '.', ' ', 'T', '\u0000', 'é']) + p.slice(at + 1);
  }
}

/** One `perms` entry of any kind. */
export function permissionEntry(rng: Rng): unknown {
  const r = rng.below(100);
  if (r < 65) return wellFormedPermission(rng);
  if (r < 80) return rng.pick(MALFORMED);
  if (r < 92) return nearMiss(rng);
  return rng.pick(NOT_STRINGS);
}

/** A `perms` claim: a few entries, sometimes none, sometimes very many. */
export function randomPermissions(rng: Rng): unknown[] {
  const count = rng.chance(0.05) ? 40 + rng.below(80) : rng.chance(0.1) ? 0 : 1 + rng.below(6);
  return Array.from({ length: count }, () => permissionEntry(rng));
}
