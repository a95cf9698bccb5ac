// Serves a built site on 127.0.0.1 with an ephemeral port under its base path, as GitHub Pages
// would: for the browser test, and by hand with `tsx src/serve.ts` after a build.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';
import { normaliseBase } from './links.js';

export interface ServedSite {
  /** The site's root URL, ending with its base path. */
  url: string;
  close(): Promise<void>;
}

export async function serveSite(distDir: string, base = '/', port = 0): Promise<ServedSite> {
  const root = normaliseBase(base);
  const files = sirv(distDir, { dev: false, extensions: ['html'] });
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (!path.startsWith(root)) {
      res.writeHead(404).end();
      return;
    }
    req.url = `/${path.slice(root.length)}`;
    files(req, res, () => {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}${root}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dist = process.env.FELIX_DOCS_OUT || fileURLToPath(new URL('../.vitepress/dist/', import.meta.url));
  const site = await serveSite(dist, process.env.FELIX_DOCS_BASE ?? '/', Number(process.env.PORT ?? 0));
  console.log(`serving ${dist} at ${site.url} (Ctrl-C stops)`);
}
