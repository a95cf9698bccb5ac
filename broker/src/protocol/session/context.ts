// What every part of one session shares: the broker's state, the carrier session, what the
// peer negotiated at auth, who its token says it is and may do, and the one way frames leave
// (so every frame is counted).
import { CLOSE_CODES, ORIGINAL_V1_FLAGS } from '@felix/generated';
import type { ByteSink, ServerSession } from '@felix/transport';
import {
  type Action,
  forbiddenMessage,
  type PermissionSet,
  type Resource,
  type VerifiedToken,
} from '../../auth/index.js';
import type { BrokerState } from '../../core/broker-state.js';
import { errorFrame, type Negotiated } from '../replies.js';
import { RequestError } from './refusals.js';

/** Who auth accepted: a verified token, or a mapped client certificate (with or without one). */
export type Admission = Pick<VerifiedToken, 'tenant' | 'subject' | 'permissions' | 'expiresAt'>;

/** setTimeout's longest delay; a later deadline is reached in several steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class SessionContext implements Negotiated {
  flags = ORIGINAL_V1_FLAGS;
  features = 0;
  /** The tenant auth accepted; undefined until then. */
  tenant: string | undefined;
  /** The token's subject, or `cert:…` for a mapped client certificate; undefined until auth. */
  subject: string | undefined;
  /** What the token or certificate allows; undefined until auth, when nothing is allowed. */
  permissions: PermissionSet | undefined;
  /** The token's `exp` (or the certificate's notAfter, if sooner) in milliseconds since the epoch. */
  expiresAt = Number.POSITIVE_INFINITY;
  /** performance.now() when a frame last arrived from the peer, on any stream (idle deadline). */
  lastHeardAt = performance.now();
  /** Settles once auth has succeeded; cache streams wait for it. */
  readonly authenticated: Promise<void>;
  private markAuthenticated!: () => void;
  /** When the session stops being served: exp plus the clock leeway verification allowed. */
  private servedUntil = Number.POSITIVE_INFINITY;
  private expiryTimer: NodeJS.Timeout | undefined;
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

  get isClosed(): boolean {
    return this.closed;
  }

  /** Notes that the peer is active (a frame arrived), which restarts the idle deadline. */
  heard(): void {
    this.lastHeardAt = performance.now();
  }

  /** Writes a frame; once the session is closing nothing more is sent. */
  send(sink: ByteSink, frame: Uint8Array, type: string): void {
    if (this.closed) return;
    this.state.metrics.framesOut.inc({ type });
    sink.write(frame);
  }

  /** Records who auth accepted, ends the session when its credential does, and lets waiting streams go on. */
  admit(token: Admission): void {
    this.tenant = token.tenant;
    this.subject = token.subject;
    this.permissions = token.permissions;
    this.expiresAt = token.expiresAt;
    // Verification accepted the token up to exp plus the leeway; serving stops at the same moment.
    this.servedUntil = token.expiresAt + this.state.auth.clockToleranceMs;
    this.armExpiry();
    this.markAuthenticated();
  }

  /**
   * Throws a refusal unless the token allows `action` on `resource` and is still valid; a
   * refusal is audited and counted. An expired token ends the session.
   */
  authorize(action: Action, resource: Resource, requestId?: number | bigint): void {
    if (Date.now() >= this.servedUntil) {
      this.expire();
      throw new RequestError('unauthenticated', 'token expired', requestId);
    }
    const otherTenant = resource.tenant !== this.tenant;
    if (!otherTenant && this.permissions?.allows(action, resource)) return;
    this.state.audit.forbidden({
      via: 'session',
      action,
      resource,
      tenant: this.tenant ?? '',
      subject: this.subject ?? '',
      reason: otherTenant ? 'other_tenant' : 'no_permission',
      remote: this.session.remoteAddress,
    });
    const why = otherTenant ? ` (this session is for tenant ${this.tenant})` : '';
    throw new RequestError('forbidden', `${forbiddenMessage(action, resource)}${why}`, requestId);
  }

  /** Tells the peer its token ran out and closes the session. */
  expire(): void {
    if (this.closed) return;
    this.state.audit.sessionExpired({
      tenant: this.tenant ?? '',
      subject: this.subject ?? '',
      carrier: this.session.carrier,
      remote: this.session.remoteAddress,
    });
    this.send(this.control, errorFrame(this, 'unauthenticated', 'token expired'), 'error');
    this.close(CLOSE_CODES.unauthenticated, 'token expired');
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.expiryTimer);
    // Let what was already written (an error explaining the close, final acks) reach the
    // peer before the connection goes; a peer that does not read gets a bounded wait.
    const flushed = this.control.end();
    const limit = new Promise<void>((resolve) => setTimeout(resolve, 1000).unref());
    void Promise.race([flushed, limit]).finally(() => this.session.close({ code, reason }));
  }

  private armExpiry(): void {
    if (this.closed || !Number.isFinite(this.servedUntil)) return;
    const left = this.servedUntil - Date.now();
    if (left <= 0) {
      this.expire();
      return;
    }
    this.expiryTimer = setTimeout(() => this.armExpiry(), Math.min(left, MAX_TIMER_MS));
    this.expiryTimer.unref();
  }
}
