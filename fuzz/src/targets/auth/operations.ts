// The requests an authenticated session makes, each on a stream or cache of some tenant and
// namespace, and how its answer is read: success, a refusal with its code, or no answer.

import type { Action, Resource } from '@felix/broker/auth';
import { encodeFrame, type WireMessage } from '@felix/generated';
import type { FrameInbox } from '@felix/testkit';
import type { Rng } from '../../rng.js';
import { text } from '../broker/wire-values.js';
import { CACHES, isRegistered, NAMESPACES, STREAMS, TENANTS } from './registry.js';

export type OperationKind =
  | 'publish'
  | 'publish_batch'
  | 'binary_publish_batch'
  | 'subscribe'
  | 'cache_get'
  | 'cache_put'
  | 'cache_delete';

const KINDS: readonly OperationKind[] = [
  'publish',
  'publish_batch',
  'binary_publish_batch',
  'subscribe',
  'cache_get',
  'cache_put',
  'cache_delete',
];

const ACTION: Record<OperationKind, Action> = {
  publish: 'stream.publish',
  publish_batch: 'stream.publish',
  binary_publish_batch: 'stream.publish',
  subscribe: 'stream.subscribe',
  cache_get: 'cache.read',
  cache_put: 'cache.write',
  cache_delete: 'cache.write',
};

export interface Operation {
  kind: OperationKind;
  action: Action;
  resource: Extract<Resource, { kind: 'stream' | 'cache' }>;
  /** Unique in the run; it is the payload or cache value, so the auditor can tell whose it is. */
  tag: string;
}

export const isPublish = (op: Operation) => op.action === 'stream.publish';
export const isCacheOperation = (op: Operation) => op.resource.kind === 'cache';

/** An operation mostly within the session's own tenant and namespace, sometimes anywhere. */
export function randomOperation(rng: Rng, tenant: string, tag: string): Operation {
  const kind = rng.pick(KINDS);
  const onCache = kind.startsWith('cache_');
  return {
    kind,
    action: ACTION[kind],
    resource: {
      kind: onCache ? 'cache' : 'stream',
      tenant: rng.chance(0.75) ? tenant : rng.pick(TENANTS),
      namespace: rng.chance(0.7) ? 'default' : rng.pick(NAMESPACES),
      name: rng.pick(onCache ? CACHES : STREAMS),
    },
    tag,
  };
}

export type Expected = 'ok' | 'forbidden' | 'not_found';

/** What the broker must answer: allowed iff the token's grants allow it in the session's tenant. */
export function expectedOutcome(
  op: Operation,
  sessionTenant: string,
  grants: { allows(action: Action, resource: Resource): boolean },
): Expected {
  const { resource } = op;
  if (resource.tenant !== sessionTenant || !grants.allows(op.action, resource)) return 'forbidden';
  return isRegistered(resource.kind, resource.tenant, resource.namespace, resource.name) ? 'ok' : 'not_found';
}

export type Outcome =
  | { result: 'ok' }
  | { result: 'refused'; code: string | undefined; message: string }
  | { result: 'no answer'; why: string }
  | { result: 'unexpected'; frame: string };

/** The frame that performs `op` with request id `id`. */
export function operationFrame(op: Operation, id: number): Uint8Array {
  const { tenant, namespace, name } = op.resource;
  const where = { tenant_id: tenant, namespace };
  const payload = text(op.tag);
  switch (op.kind) {
    case 'publish':
      return encodeFrame({ type: 'publish', ...where, stream: name, payload, request_id: id });
    case 'publish_batch':
      return encodeFrame({ type: 'publish_batch', ...where, stream: name, payloads: [payload], request_id: id });
    case 'binary_publish_batch':
      return encodeFrame({
        type: 'binary_publish_batch',
        ...where,
        stream: name,
        payloads: [payload],
        request_id: BigInt(id),
        ack_mode: 'per_batch',
      });
    case 'subscribe':
      return encodeFrame({ type: 'subscribe', ...where, stream: name, start: 'latest' });
    case 'cache_get':
      return encodeFrame({ type: 'cache_get', ...where, cache: name, key: op.tag, request_id: id });
    case 'cache_put':
      return encodeFrame({
        type: 'cache_put',
        ...where,
        cache: name,
        key: op.tag,
        value: payload,
        ttl_ms: 60_000,
        request_id: id,
      });
    case 'cache_delete':
      return encodeFrame({ type: 'cache_delete', ...where, cache: name, key: op.tag, request_id: id });
  }
}

const show = (m: WireMessage) =>
  JSON.stringify(m, (_, v) =>
    typeof v === 'bigint' ? `${v}n` : v instanceof Uint8Array ? `${v.length} bytes` : v,
  ).slice(0, 300);

/** Reads the answer to `op` (request id `id`) from `inbox`: the control stream's or its cache stream's. */
export async function readOutcome(op: Operation, id: number, inbox: FrameInbox, timeoutMs: number): Promise<Outcome> {
  let m: WireMessage;
  try {
    m = await inbox.next(timeoutMs);
  } catch (err) {
    return { result: 'no answer', why: (err as Error).message };
  }
  // An error naming no request answers this one (subscribe carries none; an expiry names none).
  const forThis = (requestId: number | bigint | undefined) =>
    requestId === undefined || BigInt(requestId) === BigInt(id);
  switch (m.type) {
    case 'error':
      return forThis(m.request_id) ? { result: 'refused', code: m.code, message: m.message } : unexpected(m);
    case 'publish_error':
      return forThis(m.request_id) ? { result: 'refused', code: m.code, message: m.message } : unexpected(m);
    case 'binary_publish_ack':
      if (!forThis(m.request_id)) return unexpected(m);
      // The binary ack has no code field: the code leads its message.
      return m.status === 'ok'
        ? { result: 'ok' }
        : { result: 'refused', code: /^([a-z_]+): /.exec(m.message)?.[1], message: m.message };
    case 'publish_ok':
      return op.kind !== 'binary_publish_batch' && forThis(m.request_id) ? { result: 'ok' } : unexpected(m);
    case 'subscribed':
      return op.kind === 'subscribe' ? { result: 'ok' } : unexpected(m);
    case 'cache_ok':
      return op.kind === 'cache_put' && forThis(m.request_id) ? { result: 'ok' } : unexpected(m);
    case 'cache_value':
      return (op.kind === 'cache_get' || op.kind === 'cache_delete') && forThis(m.request_id)
        ? { result: 'ok' }
        : unexpected(m);
    default:
      return unexpected(m);
  }
}

function unexpected(m: WireMessage): Outcome {
  return { result: 'unexpected', frame: show(m) };
}
