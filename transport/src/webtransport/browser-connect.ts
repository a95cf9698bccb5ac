// Opens a WebTransport session from a browser: the browser's own WebTransport over HTTP/3 when
// asked for and present, falling back to the library's ponyfill when that session cannot open
// (no HTTP/3 on the broker, QUIC blocked on the way or in the browser); the ponyfill carries the
// session over one WebSocket (the broker's listener answers that mapping on its HTTP/2 port).

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
   * Try the browser's native WebTransport (HTTP/3: the Deno host serves it, the Node host only
   * with the quiche addon) first when the browser has it, and fall back to the WebSocket mapping
   * when it cannot open. Default false: the WebSocket mapping alone, which every browser and
   * broker has.
   */
  http3?: boolean;
  /**
   * How long the native attempt may take before the fallback is tried instead (default 3 s): a
   * network that drops UDP makes it hang rather than fail.
   */
  nativeTimeoutMs?: number;
}

const DEFAULT_NATIVE_TIMEOUT_MS = 3_000;

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

/** Waits for `session` to open (within `timeoutMs`, if given); a session that fails or is too late is closed. */
async function opened(session: WtSession, timeoutMs?: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      session.ready,
      new Promise<never>((_, reject) => {
        if (timeoutMs !== undefined)
          timer = setTimeout(() => reject(new Error(`not open within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (error) {
    // `closed` rejects together with `ready`; nobody else will look at it.
    session.closed.catch(() => {});
    session.ready.then(
      () => session.close(),
      () => {},
    );
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function connectBrowserWebTransport(options: BrowserWebTransportOptions): Promise<WebTransportConnection> {
  const url = sessionUrl(options.host, options.port, options.path);
  const address = `${options.host}:${options.port}`;
  const Native = options.http3 ? nativeWebTransport() : undefined;
  let nativeFailure = '';
  if (Native) {
    const init: WtClientInit = {};
    if (options.certSha256) {
      init.serverCertificateHashes = [{ algorithm: 'sha-256', value: parseSha256(options.certSha256) }];
    }
    try {
      const session = new Native(url, init);
      await opened(session, options.nativeTimeoutMs ?? DEFAULT_NATIVE_TIMEOUT_MS);
      return new WebTransportConnection(session, address, 'h3');
    } catch (error) {
      nativeFailure = `native WebTransport (HTTP/3) failed (${reasonOf(error)}), then `;
    }
  }
  const session = new (await ponyfill())(url, {});
  try {
    await opened(session);
  } catch (error) {
    const why = `${nativeFailure}over the WebSocket mapping: ${reasonOf(error)}`;
    throw new Error(`webtransport: could not open a session at ${url}: ${why}`, { cause: error });
  }
  return new WebTransportConnection(session, address, 'h2');
}
