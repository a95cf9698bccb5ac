// The operator's HTTP listener: /live (the process is up), /ready (every carrier is bound and
// the broker is not draining), /metrics (Prometheus text format) and the browser demo (/demo/).
import { createServer, type Server } from 'node:http';
import { NAME_MAX_BYTES } from '@felix/generated';
import { checkName, InvalidNameError, type NameKind, quote } from '../core/names.js';
import { type DemoSite, serveDemo } from './demo.js';
import type { BrokerMetrics } from './metrics.js';

export interface HealthState {
  ready(): boolean;
}

/**
 * Registers streams and caches at run time (the admin request) under names already checked;
 * throws with a message on refusal (InvalidNameError is answered 400, anything else 409).
 */
export interface Admin {
  addStream(tenant: string, namespace: string, stream: string): void;
  addCache(tenant: string, namespace: string, cache: string): void;
}

// Any segment matches, so a bad name is answered 400 with why rather than an unhelpful 404.
const ADMIN_PATH = /^\/admin\/tenants\/([^/]*)\/namespaces\/([^/]*)\/(streams|caches)\/([^/]*)$/;
const ADMIN_HELP =
  'admin paths are PUT /admin/tenants/T/namespaces/N/streams/S or .../caches/C; each name percent-encoded ' +
  `UTF-8 of at most ${NAME_MAX_BYTES} bytes, with no "/" or control character, and not only dots\n`;

/** The four segments of an admin path, decoded and checked; throws InvalidNameError or URIError. */
function adminNames(match: RegExpExecArray): { tenant: string; namespace: string; kind: string; name: string } {
  const [, rawTenant, rawNamespace, kind, rawName] = match;
  const decode = (what: NameKind, raw: string) => {
    let value: string;
    try {
      value = decodeURIComponent(raw);
    } catch {
      throw new URIError(`${what} segment ${JSON.stringify(raw)} is not percent-encoded UTF-8`);
    }
    checkName(what, value);
    return value;
  };
  const tenant = decode('tenant', rawTenant);
  const namespace = decode('namespace', rawNamespace);
  return { tenant, namespace, kind, name: decode(kind === 'streams' ? 'stream' : 'cache', rawName) };
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
  const server = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const adminMatch = ADMIN_PATH.exec(path);
    if (adminMatch) {
      if (req.method !== 'PUT') {
        res.writeHead(405, { allow: 'PUT' }).end();
        return;
      }
      try {
        const { tenant, namespace, kind, name } = adminNames(adminMatch);
        if (kind === 'streams') admin.addStream(tenant, namespace, name);
        else admin.addCache(tenant, namespace, name);
        res
          .writeHead(201, { 'content-type': 'text/plain' })
          .end(
            `registered ${kind.slice(0, -1)} ${quote(name)} in tenant ${quote(tenant)}, namespace ${quote(namespace)}\n`,
          );
      } catch (err) {
        const bad = err instanceof InvalidNameError || err instanceof URIError;
        res.writeHead(bad ? 400 : 409, { 'content-type': 'text/plain' }).end(`${(err as Error).message}\n`);
      }
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
    if (demo && (await serveDemo(path, res, demo))) return;
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
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
