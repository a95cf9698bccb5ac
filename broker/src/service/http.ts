// The operator's HTTP listener: /live (the process is up), /ready (every carrier is bound and
// the broker is not draining), /metrics (Prometheus text format) and the browser demo (/demo/).
import { createServer, type Server } from 'node:http';
import { type DemoSite, serveDemo } from './demo.js';
import type { BrokerMetrics } from './metrics.js';

export interface HealthState {
  ready(): boolean;
}

/** Registers streams and caches at run time (the admin request); throws with a message on refusal. */
export interface Admin {
  addStream(tenant: string, namespace: string, stream: string): void;
  addCache(tenant: string, namespace: string, cache: string): void;
}

const NAME = '[A-Za-z0-9._~-]{1,255}';
const ADMIN_PATH = new RegExp(`^/admin/tenants/(${NAME})/namespaces/(${NAME})/(streams|caches)/(${NAME})$`);

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
      const [, tenant, namespace, kind, name] = adminMatch.map((p) => decodeURIComponent(p));
      try {
        if (kind === 'streams') admin.addStream(tenant, namespace, name);
        else admin.addCache(tenant, namespace, name);
        res
          .writeHead(201, { 'content-type': 'text/plain' })
          .end(`registered ${kind.slice(0, -1)} ${tenant}/${namespace}/${name}\n`);
      } catch (err) {
        res.writeHead(409, { 'content-type': 'text/plain' }).end(`${(err as Error).message}\n`);
      }
      return;
    }
    if (path.startsWith('/admin/')) {
      res
        .writeHead(404, { 'content-type': 'text/plain' })
        .end('admin paths are /admin/tenants/T/namespaces/N/streams/S or .../caches/C, names of [A-Za-z0-9._~-]\n');
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
