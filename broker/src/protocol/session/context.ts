// What every part of one session shares: the broker's state, the carrier session, what the
// peer negotiated at auth, and the one way frames leave (so every frame is counted).
import { ORIGINAL_V1_FLAGS } from '@felix/generated';
import type { ByteSink, ServerSession } from '@felix/transport';
import type { BrokerState } from '../../core/broker-state.js';
import type { Negotiated } from '../replies.js';
import { RequestError } from './refusals.js';

export class SessionContext implements Negotiated {
  flags = ORIGINAL_V1_FLAGS;
  features = 0;
  /** The tenant auth accepted; undefined until then. */
  tenant: string | undefined;
  /** Settles once auth has succeeded; cache streams wait for it. */
  readonly authenticated: Promise<void>;
  private markAuthenticated!: () => void;
  private closed = false;

  constructor(
    readonly state: BrokerState,
    readonly session: ServerSession,
  ) {
    this.authenticated = new Promise<void>((resolve) => {
      this.markAuthenticated = resolve;
    });
  }

  get control(): ByteSink {
    return this.session.control.writable;
  }

  send(sink: ByteSink, frame: Uint8Array, type: string): void {
    this.state.metrics.framesOut.inc({ type });
    sink.write(frame);
  }

  /** Records the tenant auth accepted and lets the streams waiting for auth go on. */
  admit(tenant: string): void {
    this.tenant = tenant;
    this.markAuthenticated();
  }

  checkTenant(tenant: string, requestId?: number | bigint): void {
    if (tenant !== this.tenant)
      throw new RequestError('forbidden', `tenant ${tenant} is not this session's tenant`, requestId);
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    // Let what was already written (an error explaining the close, final acks) reach the
    // peer before the connection goes; a peer that does not read gets a bounded wait.
    const flushed = this.control.end();
    const limit = new Promise<void>((resolve) => setTimeout(resolve, 1000).unref());
    void Promise.race([flushed, limit]).finally(() => this.session.close({ code, reason }));
  }
}
