// The admin requests for consumer groups: GET .../streams/S/groups lists a stream's groups with
// their cursor and lag (needing the right to subscribe to the stream, as consuming does), and
// POST .../streams/S/groups/G/reset moves a group's cursor (needing the manage right, audited).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isStorageError } from '@felix/storage';
import type { Action, Resource } from '../auth/index.js';
import { InvalidNameError, quote } from '../core/names.js';
import { NotFoundError } from '../core/registry.js';
import type { GroupSnapshot } from '../queues/consumer-group.js';
import { ResetRangeError, type ResetTarget } from '../queues/group-registry.js';
import { type AdminAccess, authorizeAdmin } from './admin-access.js';
import { AdminBodyError, readJsonBody } from './admin-body.js';
import { decodeSegment } from './admin-path.js';

export interface GroupAdmin {
  /** The stream's groups; throws NotFoundError when the stream is not registered. */
  list(tenant: string, namespace: string, stream: string): GroupSnapshot[];
  /**
   * Puts the group's cursor at `target`, resolving with the offset once stored. Rejects with
   * NotFoundError (no such stream or group), ResetRangeError or a StorageError.
   */
  reset(tenant: string, namespace: string, stream: string, group: string, target: ResetTarget): Promise<number>;
}

/** Any segment matches, so a bad name is answered 400 with why rather than an unhelpful 404. */
export const GROUPS_PATH =
  /^\/admin\/tenants\/([^/]*)\/namespaces\/([^/]*)\/streams\/([^/]*)\/groups(?:\/([^/]*)\/(reset))?$/;

const RESET_BODY_HELP = 'the body is {"offset": n} or {"position": "earliest"} or {"position": "latest"}';

/** A reset's body as its target. Throws AdminBodyError. */
function resetTarget(body: unknown): ResetTarget {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new AdminBodyError(400, RESET_BODY_HELP);
  const keys = Object.keys(body);
  const value = (body as Record<string, unknown>)[keys[0]];
  if (keys.length === 1 && keys[0] === 'offset' && Number.isSafeInteger(value) && (value as number) >= 0)
    return { offset: value as number };
  if (keys.length === 1 && keys[0] === 'position' && (value === 'earliest' || value === 'latest'))
    return { position: value };
  throw new AdminBodyError(400, RESET_BODY_HELP);
}

export async function serveGroupAdmin(
  req: IncomingMessage,
  res: ServerResponse,
  match: RegExpExecArray,
  groups: GroupAdmin,
  access: AdminAccess,
): Promise<void> {
  const reply = (status: number, body: string, headers: Record<string, string> = {}) =>
    res.writeHead(status, { 'content-type': 'text/plain', ...headers }).end(`${body}\n`);
  const json = (body: unknown) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end(`${JSON.stringify(body)}\n`);
  const resetting = match[5] === 'reset';
  const method = resetting ? 'POST' : 'GET';
  if (req.method !== method) {
    res.writeHead(405, { allow: method }).end();
    return;
  }
  let tenant: string;
  let namespace: string;
  let stream: string;
  let group: string | undefined;
  try {
    tenant = decodeSegment('tenant', match[1]);
    namespace = decodeSegment('namespace', match[2]);
    stream = decodeSegment('stream', match[3]);
    group = resetting ? decodeSegment('group', match[4]) : undefined;
  } catch (err) {
    if (!(err instanceof InvalidNameError || err instanceof URIError)) throw err;
    reply(400, err.message);
    return;
  }
  const resource: Resource = { kind: 'stream', tenant, namespace, name: stream };
  const action: Action = resetting ? 'stream.manage' : 'stream.subscribe';
  const remote = req.socket.remoteAddress;
  const decision = await authorizeAdmin({ authorization: req.headers.authorization, remote }, action, resource, access);
  if (!decision.allowed) {
    reply(decision.status, decision.message, decision.headers);
    return;
  }
  if (group === undefined) {
    try {
      json(groups.list(tenant, namespace, stream));
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
      reply(404, err.message);
    }
    return;
  }
  let target: ResetTarget;
  try {
    target = resetTarget(await readJsonBody(req));
  } catch (err) {
    if (!(err instanceof AdminBodyError)) throw err;
    reply(err.status, err.message);
    return;
  }
  let offset: number;
  try {
    offset = await groups.reset(tenant, namespace, stream, group, target);
  } catch (err) {
    if (err instanceof NotFoundError) reply(404, err.message);
    else if (err instanceof ResetRangeError) reply(400, err.message);
    else if (isStorageError(err))
      reply(503, `the group's journal could not store the reset (${err.errno ?? err.code})`);
    else throw err;
    return;
  }
  access.audit.adminChange({
    action,
    resource,
    tenant,
    subject: decision.subject,
    change: `consumer group ${quote(group)} reset to offset ${offset}`,
    remote,
  });
  json({ group, committed_offset: offset });
}
