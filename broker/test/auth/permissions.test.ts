import { describe, expect, it } from 'vitest';
import {
  type Action,
  BROKER_ACTIONS,
  compilePermissions,
  forbiddenMessage,
  formatResource,
  PermissionSyntaxError,
  parsePermission,
  type Resource,
} from '../../src/auth/index.js';

const stream = (tenant: string, namespace: string, name: string): Resource => ({
  kind: 'stream',
  tenant,
  namespace,
  name,
});
const cache = (tenant: string, namespace: string, name: string): Resource => ({
  kind: 'cache',
  tenant,
  namespace,
  name,
});
const namespace = (tenant: string, name: string): Resource => ({ kind: 'namespace', tenant, namespace: name });
const tenant = (name: string): Resource => ({ kind: 'tenant', tenant: name });

/** Every action the set allows on `resource`. */
function allowed(perms: string[], resource: Resource): Action[] {
  const set = compilePermissions(perms);
  return BROKER_ACTIONS.filter((action) => set.allows(action, resource));
}

describe('permission grammar', () => {
  it.each([
    ['tenant.manage:tenant:t1', { kind: 'tenant', tenant: 't1' }],
    ['ns.manage:namespace:t1/payments', { kind: 'namespace', tenant: 't1', namespace: 'payments' }],
    ['ns.manage:namespace:t1/*', { kind: 'namespace', tenant: 't1', namespace: null }],
    [
      'stream.publish:stream:t1/payments/orders',
      { kind: 'stream', tenant: 't1', namespace: 'payments', name: 'orders' },
    ],
    ['stream.subscribe:stream:t1/payments/*', { kind: 'stream', tenant: 't1', namespace: 'payments', name: null }],
    ['cache.read:cache:t1/payments/*', { kind: 'cache', tenant: 't1', namespace: 'payments', name: null }],
    ['cache.write:cache:t1/ns/a:b', { kind: 'cache', tenant: 't1', namespace: 'ns', name: 'a:b' }],
    [
      'stream.manage:stream:t1/pay.ments/or ders',
      { kind: 'stream', tenant: 't1', namespace: 'pay.ments', name: 'or ders' },
    ],
    [
      'stream.publish:stream:t1/.hidden/Grüße 東京',
      { kind: 'stream', tenant: 't1', namespace: '.hidden', name: 'Grüße 東京' },
    ],
    ['rbac.view:tenant:t1', { kind: 'tenant', tenant: 't1' }],
    ['rbac.policy.manage:namespace:t1/payments', { kind: 'namespace', tenant: 't1', namespace: 'payments' }],
    [
      'rbac.assignment.manage:stream:t1/payments/orders',
      { kind: 'stream', tenant: 't1', namespace: 'payments', name: 'orders' },
    ],
    ['node.view:cluster:*', { kind: 'cluster' }],
  ])('parses %s', (text, resource) => {
    expect(parsePermission(text).resource).toEqual(resource);
    expect(parsePermission(text).action).toBe(text.slice(0, text.indexOf(':')));
  });

  it.each([
    ['stream.publish', /no ":" between action/],
    ['stream.publish:', /no ":" after the resource kind/],
    ['stream.publish:stream', /no ":" after the resource kind/],
    ['publish:stream:t1/a/b', /unknown action "publish"/],
    ['Stream.publish:stream:t1/a/b', /unknown action/],
    [' stream.publish:stream:t1/a/b', /unknown action/],
    ['tenant.admin:tenant:t1', /unknown action "tenant.admin"/],
    ['stream.publish:topic:t1/a/b', /unknown resource kind "topic"/],
    ['ns.manage:ns:payments', /unknown resource kind "ns"/],
    ['tenant.manage:tenant:*', /"\*" other than as the whole last segment below the tenant/],
    ['stream.publish:stream:*', /needs tenant\/namespace\/stream/],
    ['stream.publish:stream:*/*', /needs tenant\/namespace\/stream/],
    ['stream.publish:stream:*/*/*', /"\*" other than/],
    ['stream.publish:stream:t1/*/orders', /"\*" other than/],
    ['stream.publish:stream:t1/*/*', /"\*" other than/],
    ['stream.publish:stream:t1/a*', /needs tenant\/namespace\/stream/],
    ['stream.publish:stream:t1/ns/a*', /"\*" other than/],
    ['stream.publish:stream:t1/ns/**', /"\*" other than/],
    ['ns.manage:namespace:*/payments', /"\*" other than/],
    ['cache.read:cache:t1/ns', /needs tenant\/namespace\/cache/],
    ['stream.publish:stream:t1/ns/s/extra', /needs tenant\/namespace\/stream/],
    ['stream.publish:stream:t1//orders', /namespace that is empty/],
    ['stream.publish:stream:t1/ns/', /stream that is empty/],
    ['stream.publish:stream:t1/../orders', /namespace that has nothing but "."/],
    ['stream.publish:stream:t1/ns/a\u0000b', /stream that contains U\+0000/],
    ['stream.publish:stream:t1/ns/a\tb', /stream that contains U\+0009/],
    ['stream.publish:stream:t1/ns/a\u0085b', /stream that contains U\+0085/],
    [`stream.publish:stream:t1/ns/${'é'.repeat(128)}`, /stream that is over 255 UTF-8 bytes/],
    ['stream.publish:tenant:t1', /grants stream.publish on a tenant; it applies to a stream/],
    ['stream.publish:namespace:t1/payments', /on a namespace; it applies to a stream/],
    ['cache.read:stream:t1/a/b', /on a stream; it applies to a cache/],
    ['ns.manage:tenant:t1', /on a tenant; it applies to a namespace/],
    ['tenant.manage:namespace:t1/*', /on a namespace; it applies to a tenant/],
    ['node.view:tenant:t1', /node.view on something other than "cluster:\*"/],
    ['tenant.manage:cluster:*', /on the cluster, which only node.view may name/],
    ['node.view:cluster:nodes', /cluster scope other than "cluster:\*"/],
    ['node.view:cluster:', /cluster scope other than/],
  ])('refuses %j', (text, problem) => {
    let error: unknown;
    try {
      parsePermission(text);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(PermissionSyntaxError);
    expect((error as PermissionSyntaxError).permission).toBe(text);
    expect((error as PermissionSyntaxError).problem).toMatch(problem);
  });
});

describe('compilePermissions', () => {
  it('keeps the entries that parse and lists the others with their problem', () => {
    const set = compilePermissions([
      'stream.publish:stream:t1/default/orders',
      'stream.publish:stream:t1/*/orders',
      42,
      null,
      { action: 'tenant.manage' },
      'node.view:cluster:*',
    ]);
    expect(set.accepted).toEqual(['stream.publish:stream:t1/default/orders', 'node.view:cluster:*']);
    expect(set.rejected).toEqual([
      { permission: 'stream.publish:stream:t1/*/orders', problem: expect.stringMatching(/"\*" other than/) },
      { permission: '42', problem: 'is not a string' },
      { permission: 'null', problem: 'is not a string' },
      { permission: '{"action":"tenant.manage"}', problem: 'is not a string' },
    ]);
  });

  it('grants nothing for a malformed entry, even one that looks broader than a valid one', () => {
    for (const perm of [
      'tenant.manage:tenant:*',
      'stream.publish:stream:*/*/*',
      'stream.publish:stream:t1/*/*',
      'stream.publish:stream:t1/default/ord*',
      'stream.publish:tenant:t1',
      'stream.publish:namespace:t1/default',
    ]) {
      expect(allowed([perm], stream('t1', 'default', 'orders')), perm).toEqual([]);
      expect(allowed([perm], stream('t1', 'default', 'ord*')), perm).toEqual([]);
    }
  });

  it('gives control-plane actions nothing in the broker', () => {
    const perms = [
      'rbac.view:tenant:t1',
      'rbac.policy.manage:tenant:t1',
      'rbac.assignment.manage:namespace:t1/*',
      'node.view:cluster:*',
    ];
    expect(compilePermissions(perms).rejected).toEqual([]);
    for (const resource of [
      tenant('t1'),
      namespace('t1', 'default'),
      stream('t1', 'default', 'orders'),
      cache('t1', 'default', 'sessions'),
    ])
      expect(allowed(perms, resource)).toEqual([]);
  });

  it('truncates a long non-string entry in the rejection list', () => {
    const [rejected] = compilePermissions([{ text: 'x'.repeat(1000) }]).rejected;
    expect(rejected!.permission.length).toBeLessThanOrEqual(201);
  });
});

describe('PermissionSet.allows', () => {
  const orders = stream('t1', 'default', 'orders');

  it('grants exactly the action and stream named', () => {
    const perms = ['stream.publish:stream:t1/default/orders'];
    expect(allowed(perms, orders)).toEqual(['stream.publish']);
    expect(allowed(perms, stream('t1', 'default', 'payments'))).toEqual([]);
    expect(allowed(perms, stream('t1', 'other', 'orders'))).toEqual([]);
    expect(allowed(perms, stream('t2', 'default', 'orders'))).toEqual([]);
    expect(allowed(perms, cache('t1', 'default', 'orders'))).toEqual([]);
    expect(allowed(perms, namespace('t1', 'default'))).toEqual([]);
  });

  it('matches a stream wildcard against every stream of its namespace only', () => {
    const perms = ['stream.subscribe:stream:t1/default/*'];
    expect(allowed(perms, orders)).toEqual(['stream.subscribe']);
    expect(allowed(perms, stream('t1', 'default', '*'))).toEqual(['stream.subscribe']);
    expect(allowed(perms, stream('t1', 'default', 'x.y z'))).toEqual(['stream.subscribe']);
    expect(allowed(perms, stream('t1', 'other', 'orders'))).toEqual([]);
    expect(allowed(perms, stream('t2', 'default', 'orders'))).toEqual([]);
    expect(allowed(perms, cache('t1', 'default', 'orders'))).toEqual([]);
  });

  it('compares names exactly: no case folding, dots, spaces and unicode are just characters', () => {
    const perms = ['cache.read:cache:t1/pay.ments/Grüße 東京', 'stream.publish:stream:t1/a b/c.d'];
    expect(allowed(perms, cache('t1', 'pay.ments', 'Grüße 東京'))).toEqual(['cache.read']);
    expect(allowed(perms, cache('t1', 'pay.ments', 'grüße 東京'))).toEqual([]);
    expect(allowed(perms, cache('t1', 'pay.ments', 'Grüße  東京'))).toEqual([]);
    expect(allowed(perms, cache('t1', 'payments', 'Grüße 東京'))).toEqual([]);
    expect(allowed(perms, stream('t1', 'a b', 'c.d'))).toEqual(['stream.publish']);
    expect(allowed(perms, stream('t1', 'a b', 'cxd'))).toEqual([]);
  });

  it('lets tenant.manage imply every action on its own tenant, and nothing on another', () => {
    const perms = ['tenant.manage:tenant:t1'];
    expect(allowed(perms, tenant('t1'))).toEqual(['tenant.manage']);
    expect(allowed(perms, namespace('t1', 'any'))).toEqual(['ns.manage']);
    expect(allowed(perms, orders)).toEqual(['stream.manage', 'stream.publish', 'stream.subscribe']);
    expect(allowed(perms, cache('t1', 'any', 'c'))).toEqual(['cache.manage', 'cache.read', 'cache.write']);
    for (const resource of [tenant('t2'), namespace('t2', 'any'), stream('t2', 'default', 'orders')])
      expect(allowed(perms, resource)).toEqual([]);
  });

  it('lets ns.manage imply stream and cache actions below its namespace only', () => {
    const perms = ['ns.manage:namespace:t1/payments'];
    expect(allowed(perms, namespace('t1', 'payments'))).toEqual(['ns.manage']);
    expect(allowed(perms, stream('t1', 'payments', 'x'))).toEqual([
      'stream.manage',
      'stream.publish',
      'stream.subscribe',
    ]);
    expect(allowed(perms, cache('t1', 'payments', 'x'))).toEqual(['cache.manage', 'cache.read', 'cache.write']);
    expect(allowed(perms, tenant('t1'))).toEqual([]);
    expect(allowed(perms, namespace('t1', 'orders'))).toEqual([]);
    expect(allowed(perms, stream('t1', 'orders', 'x'))).toEqual([]);
    expect(allowed(perms, stream('t2', 'payments', 'x'))).toEqual([]);
  });

  it('lets ns.manage on namespace:t/* cover every namespace of t, not the tenant', () => {
    const perms = ['ns.manage:namespace:t1/*'];
    expect(allowed(perms, namespace('t1', 'a'))).toEqual(['ns.manage']);
    expect(allowed(perms, stream('t1', 'b', 'x'))).toContain('stream.publish');
    expect(allowed(perms, cache('t1', 'c', 'x'))).toContain('cache.write');
    expect(allowed(perms, tenant('t1'))).toEqual([]);
    expect(allowed(perms, namespace('t2', 'a'))).toEqual([]);
  });

  it('lets stream.manage imply publish and subscribe on the streams it covers only', () => {
    expect(allowed(['stream.manage:stream:t1/default/orders'], orders)).toEqual([
      'stream.manage',
      'stream.publish',
      'stream.subscribe',
    ]);
    expect(allowed(['stream.manage:stream:t1/default/orders'], stream('t1', 'default', 'other'))).toEqual([]);
    expect(allowed(['stream.manage:stream:t1/default/*'], stream('t1', 'default', 'other'))).toHaveLength(3);
    expect(allowed(['stream.manage:stream:t1/default/*'], namespace('t1', 'default'))).toEqual([]);
    expect(allowed(['stream.manage:stream:t1/default/*'], cache('t1', 'default', 'orders'))).toEqual([]);
  });

  it('lets cache.manage imply read and write, and read not imply write', () => {
    expect(allowed(['cache.manage:cache:t1/ns/c'], cache('t1', 'ns', 'c'))).toEqual([
      'cache.manage',
      'cache.read',
      'cache.write',
    ]);
    expect(allowed(['cache.read:cache:t1/ns/c'], cache('t1', 'ns', 'c'))).toEqual(['cache.read']);
    expect(allowed(['stream.publish:stream:t1/ns/s'], stream('t1', 'ns', 's'))).not.toContain('stream.subscribe');
  });

  it('adds up grants at several levels', () => {
    const perms = [
      'stream.subscribe:stream:t1/default/*',
      'stream.publish:stream:t1/default/orders',
      'cache.read:cache:t1/default/*',
    ];
    expect(allowed(perms, orders)).toEqual(['stream.publish', 'stream.subscribe']);
    expect(allowed(perms, stream('t1', 'default', 'other'))).toEqual(['stream.subscribe']);
    expect(allowed(perms, cache('t1', 'default', 'x'))).toEqual(['cache.read']);
  });

  it('answers false for an action the broker does not know or one of another resource kind', () => {
    const set = compilePermissions(['tenant.manage:tenant:t1']);
    expect(set.allows('rbac.view' as Action, tenant('t1'))).toBe(false);
    expect(set.allows('node.view' as Action, tenant('t1'))).toBe(false);
    expect(set.allows('tenant.manage', namespace('t1', 'a'))).toBe(false);
    expect(set.allows('stream.publish', cache('t1', 'a', 'b'))).toBe(false);
    expect(set.allows('constructor' as Action, tenant('t1'))).toBe(false);
  });

  it('finds nothing under names that are Object.prototype keys', () => {
    const set = compilePermissions(['stream.publish:stream:t1/default/orders']);
    expect(set.allows('stream.publish', stream('__proto__', 'constructor', 'toString'))).toBe(false);
    expect(set.allows('stream.publish', stream('t1', '__proto__', 'orders'))).toBe(false);
  });
});

describe('resource messages', () => {
  it('formats resources in the canonical grammar', () => {
    expect(formatResource(tenant('t1'))).toBe('tenant:t1');
    expect(formatResource(namespace('t1', 'default'))).toBe('namespace:t1/default');
    expect(formatResource(stream('t1', 'default', 'orders'))).toBe('stream:t1/default/orders');
    expect(formatResource(cache('t1', 'n s', 'Grüße'))).toBe('cache:t1/n s/Grüße');
  });

  it('names the action and resource a refusal was about', () => {
    expect(forbiddenMessage('stream.publish', stream('t1', 'default', 'orders'))).toBe(
      'forbidden: stream.publish on stream:t1/default/orders',
    );
  });

  it('formats a granted resource so it parses back to the same grant', () => {
    const resource = stream('t1', 'a.b', 'Grüße 東京');
    const set = compilePermissions([`stream.publish:${formatResource(resource)}`]);
    expect(set.allows('stream.publish', resource)).toBe(true);
  });
});
