// The operator's HTTP listener: /live (the process is up), /ready (every carrier is bound and
// the broker is not draining) and /metrics (Prometheus text format).
import { createServer, type Server } from 'node:http';
import type { BrokerMetrics } from './metrics.js';

export interface HealthState {
  ready(): boolean;
}

export function startHttp(host: string, port: number, metrics: BrokerMetrics, health: HealthState): Promise<Server> {
  const server = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
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
