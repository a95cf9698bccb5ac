// Which carrier implementations the broker's host runtime serves with. The protocol above them
// is the same everywhere; only the QUIC library differs: @matrixai/quic (quiche) on Node,
// Deno.QuicEndpoint (quinn) on Deno, which is many times faster and can complete a handshake
// without ALPN, as upstream's clients expect.
import { type ListenOptions, listenQuic, type MultiplexedListener } from '@felix/transport';
import { isDeno, listenDenoQuic } from '@felix/transport/deno-quic';

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
}

export const NODE_CARRIERS: HostCarriers = { runtime: 'node', listenQuic };

export const DENO_CARRIERS: HostCarriers = { runtime: 'deno', listenQuic: listenDenoQuic };

/** The carriers for the runtime this process runs on. */
export function runtimeCarriers(): HostCarriers {
  return isDeno() ? DENO_CARRIERS : NODE_CARRIERS;
}
