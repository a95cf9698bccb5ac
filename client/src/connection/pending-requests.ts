// Matching the broker's answers on the control stream to the requests waiting for them. Publishes
// and group acks carry a request id; subscribes, group joins and leaves, and the auth exchange
// are answered in the order they were sent.
import type { JsonU64, WireMessage } from '@felix/generated';
import { connectionLost, FelixError, fromErrorMessage, unexpectedMessage } from '../errors.js';

export interface PendingRequest {
  key: number;
  kind: RequestKind;
  answer(m: WireMessage): void;
  fail(error: FelixError): void;
}

export type RequestKind =
  | 'publish_json'
  | 'publish_binary'
  | 'subscribe'
  | 'group_join'
  | 'group_leave'
  | 'group_settle';

/** Requests without an id: the broker answers them in the order they were sent. */
const IN_ORDER: ReadonlySet<RequestKind> = new Set(['subscribe', 'group_join', 'group_leave']);
const inOrder = (p: PendingRequest) => IN_ORDER.has(p.kind);

/** Requests whose answer (an error included) names their id. */
const byId = (p: PendingRequest) => !inOrder(p);

/** What the connection-lost error of a waiting request calls it. */
const WHAT: Record<RequestKind, string> = {
  publish_json: 'publish',
  publish_binary: 'publish',
  subscribe: 'subscribe',
  group_join: 'group join',
  group_leave: 'group leave',
  group_settle: 'group ack',
};

/** What happens to control-stream frames no request is waiting for. */
export interface UnclaimedFrames {
  /** A broker error no request owns, or a frame that answers nothing. */
  asyncError(error: FelixError): void;
  /** The broker said it is shutting down, or closing this session for idleness. */
  draining(): void;
  /** A draining broker named where a subscription's delivery ends (subscription_end). */
  subscriptionEnd(subscriptionId: JsonU64, endOffset: number): void;
}

export class PendingRequests {
  private readonly inflight = new Map<number, PendingRequest>();
  /** Requests answered in order, oldest first. */
  private readonly ordered: PendingRequest[] = [];
  private authWaiter: ((m: WireMessage | Error) => void) | undefined;

  constructor(private readonly unclaimed: UnclaimedFrames) {}

  /** The next frame on the control stream answers auth (or the Error it failed with). */
  awaitAuth(): Promise<WireMessage | Error> {
    return new Promise<WireMessage | Error>((resolve) => {
      this.authWaiter = resolve;
    });
  }

  track(p: PendingRequest): void {
    this.inflight.set(p.key, p);
    if (inOrder(p)) this.ordered.push(p);
  }

  /** Takes back the request just tracked, whose frame could not be written. */
  withdraw(p: PendingRequest): void {
    this.inflight.delete(p.key);
    if (inOrder(p)) this.ordered.pop();
  }

  /** Forgets a request that timed out, so a late answer is dropped rather than misrouted. */
  forget(key: number): void {
    const p = this.inflight.get(key);
    if (!p) return;
    this.inflight.delete(key);
    if (inOrder(p)) {
      // Its answer will still come, in order; keep its place in line so later ones match.
      const stub: PendingRequest = { key: p.key, kind: p.kind, answer: () => {}, fail: () => {} };
      this.ordered[this.ordered.indexOf(p)] = stub;
    }
  }

  /** Hands a control-stream frame to the request it answers. */
  dispatch(m: WireMessage): void {
    if (this.authWaiter) {
      const waiter = this.authWaiter;
      this.authWaiter = undefined;
      waiter(m);
      return;
    }
    switch (m.type) {
      case 'binary_publish_ack':
        this.answerById(m.request_id, m);
        return;
      case 'publish_ok':
      case 'publish_error':
        this.answerById(m.request_id, m);
        return;
      case 'group_acked':
        this.answerById(m.request_id, m);
        return;
      case 'subscribed':
      case 'subscribe_cursor_error':
      case 'group_joined': {
        const p = this.ordered.shift();
        if (!p) {
          this.unclaimed.asyncError(unexpectedMessage('control stream', `an unrequested ${m.type}`));
          return;
        }
        this.inflight.delete(p.key);
        p.answer(m);
        return;
      }
      case 'subscription_end':
        // An end past 2^53-1 lies beyond any offset this client counts to: no cut to report.
        if (typeof m.end_offset === 'number') this.unclaimed.subscriptionEnd(m.subscription_id, m.end_offset);
        return;
      case 'ok': {
        if (this.ordered[0]?.kind === 'group_leave') {
          const p = this.ordered.shift()!;
          this.inflight.delete(p.key);
          p.answer(m);
          return;
        }
        // Upstream brokers may acknowledge a JSON publish with a bare `ok`, in order.
        for (const p of this.inflight.values()) {
          if (p.kind !== 'publish_json') continue;
          this.inflight.delete(p.key);
          p.answer(m);
          return;
        }
        return;
      }
      case 'error': {
        const named = m.request_id === undefined ? undefined : this.inflight.get(Number(m.request_id));
        if (named && byId(named)) {
          this.inflight.delete(named.key);
          named.answer(m);
          return;
        }
        // A draining broker refuses unacknowledged publishes with an error that names no
        // request; it is news about the connection, not an answer to the oldest request.
        if (m.code === 'draining') {
          this.unclaimed.draining();
          this.unclaimed.asyncError(fromErrorMessage(m, 'broker'));
          return;
        }
        // Closing an idle session is routine, not a refusal: nothing was lost and the client
        // connects again, so it is no error of anyone's. Publishes wait for the next session.
        if (m.code === 'idle') {
          this.unclaimed.draining();
          return;
        }
        // Otherwise the broker answers in order: the oldest request is the one refused.
        const first = this.oldestAnsweredInTurn(m.code !== undefined);
        if (!first) {
          this.unclaimed.asyncError(fromErrorMessage(m, 'broker'));
          return;
        }
        this.inflight.delete(first.key);
        if (inOrder(first)) this.ordered.splice(this.ordered.indexOf(first), 1);
        first.answer(m);
        return;
      }
      default:
        this.unclaimed.asyncError(unexpectedMessage('control stream', m.type));
    }
  }

  /**
   * The oldest request an error without an id can answer. Binary publishes and group acks are
   * answered by id, and may wait on a log long after later requests were answered, so they are
   * never it. A JSON publish is only when the error is untyped: an upstream broker refuses one
   * with a bare error, while a broker that sends codes answers it with publish_error and its id.
   */
  private oldestAnsweredInTurn(typed: boolean): PendingRequest | undefined {
    for (const p of this.inflight.values()) {
      if (p.kind === 'publish_binary' || p.kind === 'group_settle') continue;
      if (typed && p.kind === 'publish_json') continue;
      return p;
    }
    return undefined;
  }

  private answerById(wireId: number | bigint, m: WireMessage): void {
    // Our ids are small numbers; an id above 2^53-1 rounds to a number none of them is.
    const id = Number(wireId);
    const p = this.inflight.get(id);
    if (!p || !byId(p)) return; // timed out and forgotten, or not ours
    this.inflight.delete(id);
    p.answer(m);
  }

  /** The connection is gone: the auth exchange and every request waiting fail. */
  failAll(reason: string, cause: unknown): void {
    if (this.authWaiter) {
      const waiter = this.authWaiter;
      this.authWaiter = undefined;
      waiter(new FelixError(`auth: ${reason}`, { code: 'connect_failed', retry: 'retry', cause }));
    }
    const pending = [...this.inflight.values()];
    this.inflight.clear();
    this.ordered.length = 0;
    for (const p of pending) p.fail(connectionLost(WHAT[p.kind], true, cause));
  }
}
