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
import { type AnswerSink, SessionAnswers } from '../flow/answers.js';
import { flowOf } from '../flow/flow-state.js';
import type { RateFloor } from '../flow/minimum-rate.js';
import { FrameReceipt } from '../flow/receiving.js';
import { errorFrame, type Negotiated } from '../replies.js';
import { PendingPublishes, type PublishAcks } from './publish-acks.js';
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
  /** Settles once auth has succeeded; streams that did not authenticate themselves wait for it. */
  readonly authenticated: Promise<void>;
  private markAuthenticated!: () => void;
  /** When the session stops being served: exp plus the clock leeway verification allowed. */
  private servedUntil = Number.POSITIVE_INFINITY;
  private expiryTimer: NodeJS.Timeout | undefined;
  private closed = false;
  /** What this session's answers hold in their carriers, against its bound and the pool. */
  readonly answers: SessionAnswers;
  private readonly controlSink: AnswerSink;
  /** Set once the broker has finished its side of the control stream (the peer finished its own). */
  private controlFinished = false;
  /** Durable publishes waiting for their logs, over all of the session's streams. */
  readonly pendingPublishes: PendingPublishes;
  /** Each open request stream's publish answers (for drain: none may be lost to the close). */
  readonly streamAcks = new Set<PublishAcks>();
  /** The next event stream id: subscriptions and group consumers share one space per session. */
  private nextEventStreamId = 1;
  /** Auths are decided one at a time, so a session is admitted once however many streams ask. */
  private authTurn: Promise<unknown> = Promise.resolve();

  constructor(
    readonly state: BrokerState,
    readonly session: ServerSession,
  ) {
    this.authenticated = new Promise<void>((resolve) => {
      this.markAuthenticated = resolve;
    });
    const { config } = state;
    this.answers = new SessionAnswers(
      flowOf(state).answers,
      {
        boundBytes: config.answersPerSessionBytes,
        windowMs: config.answerDrainTimeoutMs,
        bytesPerSecond: config.peerMinBytesPerSecond,
      },
      (queued) => this.answersUnread(queued),
    );
    this.controlSink = this.answers.track(session.control.writable);
    this.pendingPublishes = new PendingPublishes(state.memory);
    void session.closed.then(
      () => this.answers.close(),
      () => this.answers.close(),
    );
  }

  /**
   * A new id for an event stream: a subscription's or a group consumer's. One space for both,
   * so the client routes every event stream (and attaches it over TLS) the same way.
   */
  allocateEventStreamId(): number {
    return this.nextEventStreamId++;
  }

  /** Whether `id` names an event stream this session has handed out (it may have ended since). */
  handedOut(id: number): boolean {
    return id >= 1 && id < this.nextEventStreamId;
  }

  get control(): ByteSink {
    return this.controlSink;
  }

  /** Whether some publish answer is still waiting for a durable log, on any stream. */
  get publishesWaiting(): boolean {
    for (const acks of this.streamAcks) if (acks.waiting) return true;
    return false;
  }

  /**
   * Finishes the broker's side of the control stream, once the peer has finished its own and
   * every answer owed on it is written. Session notices (expiry, idle) then go only as the
   * close's reason.
   */
  finishControl(): Promise<void> {
    this.controlFinished = true;
    return this.controlSink.end();
  }

  /** Runs `decide` once every auth that arrived before it has been decided. */
  inAuthTurn<T>(decide: () => Promise<T>): Promise<T> {
    const turn = this.authTurn.then(decide);
    this.authTurn = turn.catch(() => undefined);
    return turn;
  }

  /**
   * Holds the caller (a stream's request loop, which then reads nothing) while the session's
   * answers are over its bound or the answers pool is full. Called when answers.mustWait says
   * so: most requests pass without an await.
   */
  async answerRoom(): Promise<void> {
    this.state.metrics.readPauses.inc({ pool: 'answers' });
    await this.answers.room();
  }

  /**
   * Accounting for the frames one stream of this session receives. `stalled` runs once if a
   * frame falls behind the peer rate floor; the stream's owner then closes it.
   */
  frameReceipt(stalled: (size: number, received: number | undefined) => void): FrameReceipt {
    const { config, metrics, logger } = this.state;
    const floor: RateFloor = { windowMs: config.frameReceiveTimeoutMs, bytesPerSecond: config.peerMinBytesPerSecond };
    const receipt = new FrameReceipt(flowOf(this.state).receiving, floor, {
      waited: () => metrics.readPauses.inc({ pool: 'receiving' }),
      stalled: (size, received) => {
        metrics.framesStalled.inc({ carrier: this.session.carrier });
        logger.info(
          { carrier: this.session.carrier, remote: this.session.remoteAddress, tenant: this.tenant, size, received },
          'stream closed: a frame arrived too slowly',
        );
        stalled(size, received);
      },
    });
    void this.session.closed.then(
      () => receipt.dispose(),
      () => receipt.dispose(),
    );
    return receipt;
  }

  /** Why a stalled frame's stream is closed, in the words of the settings that decided it. */
  stalledMessage(size: number, received: number | undefined): string {
    const { frameReceiveTimeoutMs, peerMinBytesPerSecond } = this.state.config;
    if (received === undefined)
      return `a frame of ${size} bytes waited frameReceiveTimeoutMs (${frameReceiveTimeoutMs} ms) for room in the receiving pool without being let in: the broker is short of memory, send it again later`;
    return `a frame of ${size} bytes arrived too slowly (${received} bytes in): each frameReceiveTimeoutMs (${frameReceiveTimeoutMs} ms) must bring peerMinBytesPerSecond (${peerMinBytesPerSecond}) times as much, or the rest of the frame`;
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
    if (this.controlFinished && sink === this.controlSink) return;
    this.state.metrics.framesOut.inc({ type });
    sink.write(frame);
  }

  /** Writes a frame in two parts, its head and bytes it does not copy (a cache entry's value). */
  sendParts(sink: ByteSink, head: Uint8Array, tail: Uint8Array | undefined, type: string): void {
    if (this.closed) return;
    if (this.controlFinished && sink === this.controlSink) return;
    this.state.metrics.framesOut.inc({ type });
    sink.write(head);
    if (tail !== undefined && tail.length > 0) sink.write(tail);
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

  /** Closes the session; `lastWords`, when given, is a stream whose last answer explains why. */
  close(code: number, reason: string, lastWords?: ByteSink): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.expiryTimer);
    // Let what was already written (an error explaining the close, final acks) reach the
    // peer before the connection goes; a peer that does not read gets a bounded wait.
    const ends = [this.control.end()];
    if (lastWords && lastWords !== this.controlSink) ends.push(lastWords.end());
    // A stream that fails to flush (its peer reset it, or the session is already gone) still closes.
    const flushed = Promise.all(ends).catch(() => undefined);
    const limit = new Promise<void>((resolve) => setTimeout(resolve, 1000).unref());
    void Promise.race([flushed, limit]).finally(() => this.session.close({ code, reason }));
  }

  /** The peer left its answers unread past the deadline: told (should it read) and closed. */
  private answersUnread(queued: number): void {
    if (this.closed) return;
    const { config, metrics, logger } = this.state;
    metrics.answerCloses.inc({ carrier: this.session.carrier });
    logger.warn(
      { carrier: this.session.carrier, remote: this.session.remoteAddress, tenant: this.tenant, queuedBytes: queued },
      'session closed: answers left unread',
    );
    const message = `${queued} bytes of answers left unread: over answersPerSessionBytes (${config.answersPerSessionBytes}) for answerDrainTimeoutMs (${config.answerDrainTimeoutMs} ms) without reading peerMinBytesPerSecond (${config.peerMinBytesPerSecond}) times as much`;
    this.send(this.control, errorFrame(this, 'limit_exceeded', message), 'error');
    this.close(CLOSE_CODES.limitExceeded, 'answers left unread');
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
