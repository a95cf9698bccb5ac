// The operator's HTTP listener: /live (the process is up), /ready (every carrier is bound and
// the broker is not draining), /metrics (Prometheus text format), the browser demo (/demo/),
// all open; and the admin requests (/admin/), each needing a bearer token that allows it.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { NAME_MAX_BYTES } from '@felix/generated';
import type { Action, Resource } from '../auth/index.js';
import { InvalidNameError, quote } from '../core/names.js';
import { LimitExceededError } from '../core/registry.js';
import { DurableOpenError } from '../durable/durable-logs.js';
import { RegistryWriteError } from '../durable/registry-file.js';
import { type AdminAccess, authorizeAdmin } from './admin-access.js';
import { AdminBodyError, readAdminBody } from './admin-body.js';
import { decodeSegment } from './admin-path.js';
import type { StreamConfig } from './config.js';
import { type DemoSite, serveDemo } from './demo.js';
import { GROUPS_PATH, type GroupAdmin, serveGroupAdmin } from './group-admin.js';
import type { BrokerMetrics } from './metrics.js';

export interface HealthState {
  ready(): boolean;
}

/**
 * Registers streams and caches at run time (the admin request) under names already checked, and
 * keeps them across restarts; rejects with a message on refusal (InvalidNameError is answered
 * 400, LimitExceededError 409 with a JSON error naming the limit, a durable log that cannot be
 * opened or a registry file that cannot be written 503, anything else 409).
 */
export interface Admin {
  addStream(tenant: string, namespace: string, stream: string, settings: StreamConfig): Promise<void>;
  addCache(tenant: string, namespace: string, cache: string, durable: boolean): Promise<void>;
  /** Checks each request's bearer token and keeps the audit trail. */
  access: AdminAccess;
  /** Lists consumer groups and resets their cursors. */
  groups: GroupAdmin;
}

// Any segment matches, so a bad name is answered 400 with why rather than an unhelpful 404.
const ADMIN_PATH = /^\/admin\/tenants\/([^/]*)\/namespaces\/([^/]*)\/(streams|caches)\/([^/]*)$/;
const ADMIN_HELP =
  'admin paths are PUT /admin/tenants/T/namespaces/N/streams/S or .../caches/C with Authorization: Bearer ' +
  `<token>; each name percent-encoded UTF-8 of at most ${NAME_MAX_BYTES} bytes, with no "/" or control ` +
  'character, and not only dots; an optional JSON body: {"durable": true} (a stream may add fsync, ' +
  'fsyncIntervalMs, segmentBytes, retentionBytes, retentionAgeMs, maxRecords, maxBytes); ' +
  'GET .../streams/S/groups lists its consumer groups, POST .../streams/S/groups/G/reset with ' +
  '{"offset": n} or {"position": "earliest"|"latest"} moves a group\'s cursor\n';

/** The four segments of an admin path, decoded and checked; throws InvalidNameError or URIError. */
function adminNames(match: RegExpExecArray): { tenant: string; namespace: string; kind: string; name: string } {
  const [, rawTenant, rawNamespace, kind, rawName] = match;
  const tenant = decodeSegment('tenant', rawTenant);
  const namespace = decodeSegment('namespace', rawNamespace);
  return { tenant, namespace, kind, name: decodeSegment(kind === 'streams' ? 'stream' : 'cache', rawName) };
}

/** One admin request: method, names, credential and permission checked in that order. */
async function serveAdmin(
  req: IncomingMessage,
  res: ServerResponse,
  match: RegExpExecArray,
  admin: Admin,
  metrics: BrokerMetrics,
): Promise<void> {
  const reply = (status: number, body: string, headers: Record<string, string> = {}) =>
    res.writeHead(status, { 'content-type': 'text/plain', ...headers }).end(`${body}\n`);
  if (req.method !== 'PUT') {
    res.writeHead(405, { allow: 'PUT' }).end();
    return;
  }
  let names: ReturnType<typeof adminNames>;
  try {
    names = adminNames(match);
  } catch (err) {
    if (!(err instanceof InvalidNameError || err instanceof URIError)) throw err;
    reply(400, err.message);
    return;
  }
  const { tenant, namespace, kind, name } = names;
  const stream = kind === 'streams';
  const action: Action = stream ? 'stream.manage' : 'cache.manage';
  const resource: Resource = { kind: stream ? 'stream' : 'cache', tenant, namespace, name };
  const remote = req.socket.remoteAddress;
  const decision = await authorizeAdmin(
    { authorization: req.headers.authorization, remote },
    action,
    resource,
    admin.access,
  );
  if (!decision.allowed) {
    reply(decision.status, decision.message, decision.headers);
    return;
  }
  let settings: StreamConfig;
  try {
    settings = await readAdminBody(req, stream ? 'stream' : 'cache');
  } catch (err) {
    if (!(err instanceof AdminBodyError)) throw err;
    reply(err.status, err.message);
    return;
  }
  try {
    if (stream) await admin.addStream(tenant, namespace, name, settings);
    else await admin.addCache(tenant, namespace, name, settings.durable === true);
  } catch (err) {
    if (err instanceof LimitExceededError) {
      // Typed like a session's refusal, so a script can tell a full registry from a bad name.
      metrics.limitRefusals.inc({ limit: err.limit });
      const body = { code: err.code, limit: err.limit, message: err.message };
      res.writeHead(409, { 'content-type': 'application/json' }).end(`${JSON.stringify(body)}\n`);
      return;
    }
    if (err instanceof DurableOpenError || err instanceof RegistryWriteError) {
      reply(503, err.message);
      return;
    }
    reply(err instanceof InvalidNameError ? 400 : 409, (err as Error).message);
    return;
  }
  const what = `${settings.durable ? 'durable ' : ''}${kind.slice(0, -1)} ${quote(name)} in tenant ${quote(tenant)}, namespace ${quote(namespace)}`;
  admin.access.audit.adminChange({
    action,
    resource,
    tenant,
    subject: decision.subject,
    change: `${settings.durable ? 'durable ' : ''}${kind.slice(0, -1)} registered`,
    remote,
  });
  reply(201, `registered ${what}`);
}

export function startHttp(
  host: string,
  port: number,
  metrics: BrokerMetrics,
  health: HealthState,
  admin: Admin,
  /** The prebuilt demo page and where it connects; without it /demo/ is not served. */
  demo?: DemoSite,
): Promise<Server> {
  const server = createServer((req, res) => {
    route(req, res).catch(() => {
      // A fault of the broker's, not the request's: answered rather than left hanging.
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('internal error\n');
    });
  });
  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    const groupsMatch = GROUPS_PATH.exec(path);
    if (groupsMatch) {
      await serveGroupAdmin(req, res, groupsMatch, admin.groups, admin.access);
      return;
    }
    const adminMatch = ADMIN_PATH.exec(path);
    if (adminMatch) {
      await serveAdmin(req, res, adminMatch, admin, metrics);
      return;
    }
    if (path.startsWith('/admin/')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(ADMIN_HELP);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (demo && (await serveDemo(req, path, res, demo))) return;
    if (path === '/live') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('live\n');
    } else if (path === '/ready') {
      const ok = health.ready();
      res.writeHead(ok ? 200 : 503, { 'content-type': 'text/plain' }).end(ok ? 'ready\n' : 'not ready\n');
    } else if (path === '/metrics') {
      res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(await metrics.registry.metrics());
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    }
  };
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
