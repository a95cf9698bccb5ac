// GET /demo/ on the broker's HTTP listener: a prebuilt browser page (the demoDir setting, e.g.
// the @felix/demo workspace's dist/) served as static files, plus config.json, which tells the
// page where this broker's WebTransport listener is and which certificate it presents. The
// page is bundled ahead of time, so the broker neither bundles nor templates anything. On the
// embedded default, a page loaded from this machine also gets the dev token, so it works at once.

import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { certificateFingerprint, DEFAULT_PATH, MAX_PINNED_VALIDITY_MS, spkiSha256Base64 } from '@felix/transport';

/** What the demo page learns from the broker (GET /demo/config.json). */
export interface DemoConfig {
  /** Host the carriers bind, or null when they bind every address (the page then uses its own host). */
  host: string | null;
  /** The WebTransport listener's port. */
  port: number;
  /** The WebTransport session path. */
  path: string;
  /** SHA-256 of the certificate, hex with colons: what native WebTransport pins. */
  certSha256: string;
  /**
   * Whether native WebTransport can pin certSha256: only a certificate valid for at most 14 days
   * can be pinned. A longer-lived one (FELIX_TLS_CERT) must be trusted by the browser instead.
   */
  pinnable: boolean;
  /** Base64 SHA-256 of the certificate's public key, for Chromium's --ignore-certificate-errors-spki-list. */
  spkiSha256: string;
  /**
   * The broker's dev token, to authenticate with: only on the embedded default key (no key
   * source configured) and only to a request from loopback, where anyone could read the token
   * from the data directory anyway.
   */
  token?: string;
}

/** What the broker knows once its carriers listen. */
export interface DemoSource {
  /** Address the carriers bind. */
  host: string;
  /** The WebTransport listener's port; undefined before it listens or when that carrier is not served. */
  port: number | undefined;
  /** The broker certificate (PEM). */
  cert: string;
  /** The dev token, when the broker signs its own (embedded default). */
  devToken: string | undefined;
}

export interface DemoSite {
  /** The directory holding the built page (index.html and its script). */
  dir: string;
  source: () => DemoSource;
}

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '']);

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** 127.0.0.1 and ::1, also as IPv4-mapped: only a loopback peer gets the dev token. */
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function demoConfig(source: DemoSource, port: number, fromLoopback: boolean): DemoConfig {
  const cert = new X509Certificate(source.cert);
  const validity = Date.parse(cert.validTo) - Date.parse(cert.validFrom);
  return {
    host: WILDCARD_HOSTS.has(source.host) ? null : source.host,
    port,
    path: DEFAULT_PATH,
    certSha256: certificateFingerprint(source.cert),
    pinnable: validity <= MAX_PINNED_VALIDITY_MS,
    spkiSha256: spkiSha256Base64(source.cert),
    token: fromLoopback ? source.devToken : undefined,
  };
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-cache' }).end(body);
}

/** The file under `root` that `relative` (a decoded URL path) names, or undefined when it leaves `root`. */
function fileWithin(root: string, relative: string): string | undefined {
  const file = resolve(root, `.${sep}${relative}`);
  return file.startsWith(`${root}${sep}`) ? file : undefined;
}

async function sendFile(res: ServerResponse, root: string, relative: string): Promise<void> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relative);
  } catch {
    send(res, 400, 'text/plain', 'malformed path\n');
    return;
  }
  const file = decoded.includes('\0') ? undefined : fileWithin(root, decoded);
  if (!file) {
    send(res, 404, 'text/plain', 'not found\n');
    return;
  }
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') {
      send(res, 404, 'text/plain', relative === 'index.html' ? `not found: no index.html in ${root}\n` : 'not found\n');
      return;
    }
    throw error;
  }
  send(res, 200, CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream', body);
}

/** Answers `path` when it belongs to the demo; false leaves it to the other routes. */
export async function serveDemo(
  req: IncomingMessage,
  path: string,
  res: ServerResponse,
  site: DemoSite,
): Promise<boolean> {
  if (path === '/demo') {
    res.writeHead(301, { location: '/demo/' }).end();
    return true;
  }
  if (!path.startsWith('/demo/')) return false;
  try {
    if (path === '/demo/config.json') {
      const current = site.source();
      if (current.port === undefined) {
        send(res, 503, 'text/plain', 'WebTransport is not listening (not ready yet, or not in FELIX_CARRIERS)\n');
      } else {
        const fromLoopback = LOOPBACK.has(req.socket.remoteAddress ?? '');
        send(res, 200, 'application/json', JSON.stringify(demoConfig(current, current.port, fromLoopback)));
      }
    } else {
      const relative = path.slice('/demo/'.length);
      await sendFile(res, resolve(site.dir), relative === '' ? 'index.html' : relative);
    }
  } catch (error) {
    send(res, 500, 'text/plain', `demo: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  return true;
}
