// Serves one client session: every bidirectional stream the client opens is a request stream
// (auth first on the session's first one, and on any other that brings its own), answered as
// the spec pairs requests and answers, and one event stream per subscription. The session lasts
// until the connection closes; the client finishing a stream ends only that stream. The parts
// live in ./session/; this puts them together and gives the broker its handle on the session.

import { CLOSE_CODES } from '@felix/generated';
import type { ServerSession } from '@felix/transport';
import type { BrokerState } from '../core/broker-state.js';
import { armAuthDeadline } from './session/auth-deadline.js';
import { SessionContext } from './session/context.js';
import { GroupHandler } from './session/group-handler.js';
import { armIdleDeadline } from './session/idle-deadline.js';
import { type SessionRequests, serveRequestStream } from './session/request-stream.js';
import { SubscribeHandler } from './session/subscribe-handler.js';

export class SessionHandler {
  private readonly context: SessionContext;
  private readonly subscriptions: SubscribeHandler;
  private readonly groups: GroupHandler;
  private readonly requests: SessionRequests;

  constructor(state: BrokerState, session: ServerSession) {
    this.context = new SessionContext(state, session);
    this.subscriptions = new SubscribeHandler(this.context);
    this.groups = new GroupHandler(this.context, () => this.subscriptions.count);
    this.requests = {
      subscribe: (m, sink) => this.subscriptions.subscribe(m, sink),
      group: (m, sink, acks) => this.groups.serve(m, sink, acks),
    };
  }

  async run(): Promise<void> {
    const ctx = this.context;
    armAuthDeadline(ctx);
    armIdleDeadline(ctx, () => this.subscriptions.count + this.groups.count > 0);
    this.serve(ctx.session.control, true);
    void this.serveLaterStreams();
    try {
      await ctx.session.closed.catch(() => undefined);
    } finally {
      this.shutdown();
    }
  }

  private serve(stream: ServerSession['control'], first: boolean): void {
    serveRequestStream(this.context, this.requests, stream, first).catch((err) => {
      this.context.state.logger.error({ err }, 'session failed');
      this.close(CLOSE_CODES.protocolError, 'internal fault');
    });
  }

  private async serveLaterStreams(): Promise<void> {
    try {
      for await (const stream of this.context.session.cacheStreams) this.serve(stream, false);
    } catch {
      // the session is closing
    }
  }

  /**
   * Idle when no subscription owes anything more and the first stream's answers have left,
   * counting what the carrier still buffers and publishes still waiting for a durable log on
   * any stream (for drain: an append that commits must not lose its ack to the close).
   */
  get idle(): boolean {
    return (
      this.subscriptions.idle &&
      this.groups.idle &&
      !this.context.publishesWaiting &&
      this.context.control.bufferedBytes === 0
    );
  }

  /** What this session's subscriptions still owe (for the drain's report of what it cut). */
  owed(): { subscriptions: number; bytes: number } {
    return this.subscriptions.owed();
  }

  /** A drain has begun: the peer learns where each subscription ends, and gets it all. */
  drain(): void {
    this.subscriptions.drain();
    this.groups.drain();
  }

  close(code: number, reason: string): void {
    this.context.close(code, reason);
  }

  /** Settles once the session is closed, by either side, however it ended. */
  get closed(): Promise<void> {
    return this.context.session.closed.then(
      () => {},
      () => {},
    );
  }

  private shutdown(): void {
    this.subscriptions.stopAll();
    this.groups.stopAll();
    this.close(CLOSE_CODES.normal, 'session ended');
  }
}
