// Opens a WebTransport session from a browser: the browser's own WebTransport over HTTP/3 when
// asked for and present, otherwise the library's ponyfill, which carries the session over one
// WebSocket (the broker's listener answers that mapping on its HTTP/2 port).

import { parseSha256, sessionUrl } from './client-init.js';
import { WebTransportConnection } from './connection.js';
import type { WtClientInit, WtSession } from './library.js';

export interface BrowserWebTransportOptions {
  host: string;
  port: number;
  /** Session path; defaults to /felix. */
  path?: string;
  /**
   * SHA-256 of the broker certificate (hex). Native WebTransport pins it with
   * serverCertificateHashes (the certificate must be ECDSA and valid for at most 14 days). A
   * WebSocket cannot pin: the browser must already trust the certificate.
   */
  certSha256?: string;
  /**
   * Use the browser's native WebTransport (HTTP/3, needs the broker's quiche addon) when the
   * browser has it. Default false: the WebSocket mapping, which every browser and broker has.
   */
  http3?: boolean;
}

type SessionConstructor = new (url: string, init: WtClientInit) => WtSession;

/** The browser's native constructor, when this runtime has one. */
function nativeWebTransport(): SessionConstructor | undefined {
  return (globalThis as { WebTransport?: SessionConstructor }).WebTransport;
}

let loadingPonyfill: Promise<{ WebTransportPonyfill?: SessionConstructor }> | undefined;

/**
 * The library's browser module probes, as it loads, whether the native WebTransport takes
 * certificate hashes by opening a session to https://example.com:23333: a request to a third
 * party from every page that loads it. The probe serves only its WebTransportPolyfill, not the
 * ponyfill used here, so the native constructor is hidden while the module evaluates (bundlers
 * evaluate a dynamically imported module at its import).
 */
function importPonyfillQuietly(): Promise<{ WebTransportPonyfill?: SessionConstructor }> {
  const saved = Object.getOwnPropertyDescriptor(globalThis, 'WebTransport');
  if (saved?.configurable)
    Object.defineProperty(globalThis, 'WebTransport', { configurable: true, writable: true, value: undefined });
  // The package's "browser" export condition: bundlers targeting browsers pick the ponyfill build.
  const loading = import('@fails-components/webtransport') as Promise<unknown> as Promise<{
    WebTransportPonyfill?: SessionConstructor;
  }>;
  return loading.finally(() => {
    if (saved?.configurable) Object.defineProperty(globalThis, 'WebTransport', saved);
  });
}

async function ponyfill(): Promise<SessionConstructor> {
  loadingPonyfill ??= importPonyfillQuietly();
  const lib = await loadingPonyfill;
  if (!lib.WebTransportPonyfill) {
    throw new Error('webtransport: the library has no WebTransportPonyfill here (bundle with the "browser" condition)');
  }
  return lib.WebTransportPonyfill;
}

export async function connectBrowserWebTransport(options: BrowserWebTransportOptions): Promise<WebTransportConnection> {
  const url = sessionUrl(options.host, options.port, options.path);
  const native = options.http3 ? nativeWebTransport() : undefined;
  const init: WtClientInit = {};
  if (native && options.certSha256) {
    init.serverCertificateHashes = [{ algorithm: 'sha-256', value: parseSha256(options.certSha256) }];
  }
  const Session = native ?? (await ponyfill());
  const session = new Session(url, init);
  try {
    await session.ready;
  } catch (error) {
    // `closed` rejects together with `ready`; nobody else will look at it.
    session.closed.catch(() => {});
    const reason = error instanceof Error ? error.message : String(error);
    const over = native ? 'native WebTransport (HTTP/3)' : 'the WebSocket mapping';
    throw new Error(`webtransport: could not open a session at ${url} over ${over}: ${reason}`, { cause: error });
  }
  return new WebTransportConnection(session, `${options.host}:${options.port}`, native ? 'h3' : 'h2');
}
