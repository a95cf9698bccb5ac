// Loads @fails-components/webtransport once and finds out whether its HTTP/3 addon is usable.
// The library is plain JavaScript with loose typings, so the few parts this carrier touches are
// described here structurally; everything else in the carrier goes through these types.

/** The optional native addon; its install step downloads a binary, so it is often absent. */
export const HTTP3_ADDON = '@fails-components/webtransport-transport-http3-quiche';

export interface WtCloseInfo {
  closeCode?: number;
  reason?: string;
}

export interface WtBidiStream {
  readable: ReadableStream<Uint8Array>;
  writable: WritableStream<Uint8Array>;
}

/** What the server's session objects and the Node client share (the W3C WebTransport shape). */
export interface WtSession {
  readonly ready: Promise<void>;
  readonly closed: Promise<WtCloseInfo>;
  readonly incomingBidirectionalStreams: ReadableStream<WtBidiStream>;
  readonly incomingUnidirectionalStreams: ReadableStream<ReadableStream<Uint8Array>>;
  createBidirectionalStream(opts?: { waitUntilAvailable?: boolean }): Promise<WtBidiStream>;
  createUnidirectionalStream(opts?: { waitUntilAvailable?: boolean }): Promise<WritableStream<Uint8Array>>;
  close(info?: WtCloseInfo): void;
  /** Server sessions only: "address:port" of the peer. */
  readonly peerAddress?: string;
}

export interface WtServerInit {
  host: string;
  port: number;
  secret: string;
  cert: string;
  privKey: string;
  initialStreamFlowControlWindow?: number;
  initialSessionFlowControlWindow?: number;
  sessionFlowControlWindowSizeLimit?: number;
}

export interface WtServer {
  readonly ready: Promise<void>;
  readonly closed: Promise<void>;
  startServer(): void;
  stopServer(): void;
  address(): { port: number; host: string } | null;
  sessionStream(path: string): ReadableStream<WtSession>;
}

export interface WtClientInit {
  serverCertificateHashes?: { algorithm: 'sha-256'; value: Uint8Array }[];
  /** HTTP/2 only (the library's name for it). */
  forceReliable?: boolean;
  /** HTTP/3 only, with no silent fall-back to HTTP/2. */
  requireUnreliable?: boolean;
  initialStreamFlowControlWindow?: number;
  initialSessionFlowControlWindow?: number;
}

export interface WtLibrary {
  Http2Server: new (init: WtServerInit) => WtServer;
  Http3Server: new (init: WtServerInit) => WtServer;
  WebTransport: new (url: string, init: WtClientInit) => WtSession;
  /** True when the HTTP/3 addon imported cleanly in this process. */
  http3: boolean;
}

let loading: Promise<WtLibrary> | undefined;

export function loadWebTransportLibrary(): Promise<WtLibrary> {
  loading ??= load();
  return loading;
}

async function load(): Promise<WtLibrary> {
  const http3 = await addonLoads();
  // Without the addon the library prints a "did you install …?" notice and two stack traces from
  // each of its two loaders. Its absence is an expected state here and the listener reports it
  // as `http3: false`, so those lines only alarm whoever reads the broker's log.
  const restore = http3 ? () => {} : muteAddonNotices();
  try {
    const lib = (await import('@fails-components/webtransport')) as unknown as Omit<WtLibrary, 'http3'> & {
      quicheLoaded: Promise<unknown>;
    };
    // The library's own loaders have printed by the time this settles; a macrotask more covers
    // the server module's loader, which is not exported but settles within the same turn.
    await lib.quicheLoaded;
    await new Promise((resolve) => setImmediate(resolve));
    return { Http2Server: lib.Http2Server, Http3Server: lib.Http3Server, WebTransport: lib.WebTransport, http3 };
  } finally {
    restore();
  }
}

async function addonLoads(): Promise<boolean> {
  // A variable specifier keeps TypeScript from resolving a package that is usually not there.
  const specifier: string = HTTP3_ADDON;
  try {
    await import(specifier);
    return true;
  } catch {
    return false;
  }
}

const NOTICES = ['Problem loading http3-quiche transport', `Did you install ${HTTP3_ADDON}?`, 'http3 loader:'];

function muteAddonNotices(): () => void {
  const { error, log } = console;
  const filter =
    (original: (...args: unknown[]) => void) =>
    (...args: unknown[]) => {
      const first = args[0];
      if (typeof first === 'string' && NOTICES.some((n) => first.startsWith(n))) return;
      original.apply(console, args);
    };
  const mutedError = filter(error);
  const mutedLog = filter(log);
  console.error = mutedError;
  console.log = mutedLog;
  return () => {
    // Leave alone any replacement someone else installed meanwhile.
    if (console.error === mutedError) console.error = error;
    if (console.log === mutedLog) console.log = log;
  };
}
