// Which carrier implementations the broker's host runtime serves with. The protocol above them
// is the same everywhere; the QUIC libraries differ: @matrixai/quic (quiche) on Node,
// Deno.QuicEndpoint (quinn) on Deno, which is many times faster and can complete a handshake
// without ALPN, as upstream's clients expect. WebTransport's HTTP/3 follows the same split (on
// Deno the Node library's HTTP/3 addon does not load); TLS and WebTransport's HTTP/2 are Node's
// everywhere (Node-compat under Deno).
import {
  type ListenOptions,
  listenQuic,
  listenWebTransport,
  type MultiplexedListener,
  type WebTransportListener,
  type WebTransportListenOptions,
} from '@felix/transport';
import { isDeno, listenDenoQuic, listenDenoWebTransport } from '@felix/transport/deno-quic';

export interface QuicListenSettings extends ListenOptions {
  /** ALPN protocols to select from; each library has its own default when unset. */
  alpn?: string[];
  handshakeTimeoutMs?: number;
  /** Called for each connection dropped for missing the handshake deadline, where the library tells. */
  onHandshakeTimeout?: () => void;
}

export interface HostCarriers {
  /** The runtime, as logs and metrics name it. */
  readonly runtime: 'node' | 'deno';
  listenQuic(settings: QuicListenSettings): Promise<MultiplexedListener>;
  listenWebTransport(settings: WebTransportListenOptions): Promise<WebTransportListener>;
}

export const NODE_CARRIERS: HostCarriers = { runtime: 'node', listenQuic, listenWebTransport };

export const DENO_CARRIERS: HostCarriers = {
  runtime: 'deno',
  listenQuic: listenDenoQuic,
  listenWebTransport: listenDenoWebTransport,
};

/** The carriers for the runtime this process runs on. */
export function runtimeCarriers(): HostCarriers {
  return isDeno() ? DENO_CARRIERS : NODE_CARRIERS;
}
