// What a listener asks of whoever runs it before serving a connection: whether it may (the
// broker's connection limits), how long the peer has to become a session and to say its first
// frame, and where to report a peer that ran out of time. Listeners without one serve every
// connection under the default deadlines.

/** A connection's place under the limits, held from accept to close. */
export interface Admission {
  /**
   * Why the connection is not served, or undefined when it is. A refused connection is kept
   * until its first frame, which is answered with the reason, and then closed.
   */
  readonly refusal?: string;
  /** Refused with no answer: the listener closes the connection at once. */
  readonly cut?: boolean;
  /** Gives the place back; the listener calls it exactly once, when the connection has closed. */
  release(): void;
}

/** Which deadline a peer missed. */
export type DeadlineStage = 'handshake' | 'first_frame';

export interface ConnectionGuard {
  /** From accept to an established carrier session (TLS done; QUIC or WebTransport session up). */
  readonly handshakeTimeoutMs: number;
  /** From then to the first whole frame (TLS) or to the control stream (multiplexed carriers). */
  readonly firstFrameTimeoutMs: number;
  /** Called once per accepted connection, with the peer's host (no port). */
  admit(carrier: string, host: string): Admission;
  /** A connection was closed for missing a deadline. */
  timedOut(carrier: string, stage: DeadlineStage): void;
}

export const DEFAULT_HANDSHAKE_TIMEOUT_MS = 5_000;
export const DEFAULT_FIRST_FRAME_TIMEOUT_MS = 10_000;

/** Serves every connection; only the deadlines apply. */
export function openGuard(
  deadlines: { handshakeTimeoutMs?: number; firstFrameTimeoutMs?: number } = {},
): ConnectionGuard {
  return {
    handshakeTimeoutMs: deadlines.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS,
    firstFrameTimeoutMs: deadlines.firstFrameTimeoutMs ?? DEFAULT_FIRST_FRAME_TIMEOUT_MS,
    admit: () => ({ release: () => {} }),
    timedOut: () => {},
  };
}

/** "host:port" or "[v6]:port" → the host alone, as the limits count it. */
export function hostOf(address: string): string {
  const v6 = /^\[([^\]]*)\]:\d+$/.exec(address);
  // A bare IPv6 address with a port appended ("::1:5000", as one library writes it) is cut at
  // its last colon too, which is where the port starts.
  const at = address.lastIndexOf(':');
  return normalHost(v6 ? v6[1]! : at > 0 ? address.slice(0, at) : address);
}

/** One host, one key: an IPv4 peer seen through a dual-stack socket counts as itself. */
export function normalHost(host: string): string {
  return host.startsWith('::ffff:') && host.includes('.') ? host.slice('::ffff:'.length) : host;
}
