// GET /demo/ on the broker's HTTP listener: a small page that runs the browser build of
// @felix/client against this broker. The page script is bundled with esbuild on first request
// and kept in memory, so nothing generated is committed and a source change shows after a restart.

import { X509Certificate } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { certificateFingerprint, DEFAULT_PATH, MAX_PINNED_VALIDITY_MS, spkiSha256Base64 } from '@felix/transport';
import type { DemoConfig } from './config.js';

/** What the broker knows once its carriers listen. */
export interface DemoSource {
  /** Address the carriers bind. */
  host: string;
  /** The WebTransport listener's port; undefined before it listens or when that carrier is not served. */
  port: number | undefined;
  /** The broker certificate (PEM). */
  cert: string;
}

// Found through package resolution, not import.meta.url: the broker usually runs as a bundle
// written elsewhere (scripts/run.mjs), while these files stay in the source tree.
const DEMO_DIR = join(
  dirname(realpathSync(createRequire(import.meta.url).resolve('@felix/broker/package.json'))),
  'src',
  'demo',
);

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '']);

let bundling: Promise<string> | undefined;

/** The page script for browsers, built once per process (a failed build is tried again next time). */
function pageScript(): Promise<string> {
  bundling ??= bundle().catch((error: unknown) => {
    bundling = undefined;
    throw error;
  });
  return bundling;
}

async function bundle(): Promise<string> {
  let esbuild: typeof import('esbuild');
  try {
    esbuild = await import('esbuild');
  } catch (error) {
    throw new Error('the demo page is bundled with esbuild, which is not installed (npm install esbuild)', {
      cause: error,
    });
  }
  const result = await esbuild.build({
    entryPoints: [join(DEMO_DIR, 'app.ts')],
    bundle: true,
    // The "browser" export condition: @felix/client and the WebTransport library's ponyfill build.
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'silent',
    banner: { js: '// Felix demo page script, bundled by the broker from broker/src/demo/app.ts' },
  });
  return result.outputFiles[0]!.text;
}

function demoConfig(source: DemoSource, port: number): DemoConfig {
  const cert = new X509Certificate(source.cert);
  const validity = Date.parse(cert.validTo) - Date.parse(cert.validFrom);
  return {
    host: WILDCARD_HOSTS.has(source.host) ? null : source.host,
    port,
    path: DEFAULT_PATH,
    certSha256: certificateFingerprint(source.cert),
    pinnable: validity <= MAX_PINNED_VALIDITY_MS,
    spkiSha256: spkiSha256Base64(source.cert),
  };
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-cache' }).end(body);
}

/** Answers `path` when it belongs to the demo; false leaves it to the other routes. */
export async function serveDemo(path: string, res: ServerResponse, source: () => DemoSource): Promise<boolean> {
  if (path === '/demo') {
    res.writeHead(301, { location: '/demo/' }).end();
    return true;
  }
  if (!path.startsWith('/demo/')) return false;
  try {
    if (path === '/demo/' || path === '/demo/index.html') {
      send(res, 200, 'text/html; charset=utf-8', await readFile(join(DEMO_DIR, 'index.html'), 'utf8'));
    } else if (path === '/demo/app.js') {
      send(res, 200, 'text/javascript; charset=utf-8', await pageScript());
    } else if (path === '/demo/config.json') {
      const current = source();
      if (current.port === undefined) {
        send(res, 503, 'text/plain', 'WebTransport is not listening (not ready yet, or not in FELIX_CARRIERS)\n');
      } else send(res, 200, 'application/json', JSON.stringify(demoConfig(current, current.port)));
    } else {
      send(res, 404, 'text/plain', 'not found\n');
    }
  } catch (error) {
    send(res, 500, 'text/plain', `demo: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  return true;
}
