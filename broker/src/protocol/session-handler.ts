// Serves one client session: auth and capability negotiation on the control stream, then
// publishes, subscriptions and cache requests, each answered as the spec pairs them. The parts
// live in ./session/; this puts them together and gives the broker its handle on the session.

import { CLOSE_CODES } from '@felix/generated';
import type { ServerSession } from '@felix/transport';
import type { BrokerState } from '../core/broker-state.js';
import { armAuthDeadline } from './session/auth-deadline.js';
import { serveCacheStreams } from './session/cache-handler.js';
import { SessionContext } from './session/context.js';
import { serveControlStream } from './session/control-stream.js';
import { armIdleDeadline } from './session/idle-deadline.js';
import { SubscribeHandler } from './session/subscribe-handler.js';

export class SessionHandler {
  private readonly context: SessionContext;
  private readonly subscriptions: SubscribeHandler;

  constructor(state: BrokerState, session: ServerSession) {
    this.context = new SessionContext(state, session);
    this.subscriptions = new SubscribeHandler(this.context);
  }

  async run(): Promise<void> {
    armAuthDeadline(this.context);
    armIdleDeadline(this.context, () => this.subscriptions.count > 0);
    void serveCacheStreams(this.context);
    try {
      await serveControlStream(this.context, this.subscriptions);
    } finally {
      this.shutdown();
    }
  }

  /**
   * Idle when no subscription owes anything more and the control stream's acknowledgements
   * have left, counting what the carrier still buffers and those still waiting for a durable
   * log (for drain: an append that commits must not lose its ack to the close).
   */
  get idle(): boolean {
    return this.subscriptions.idle && !this.context.publishAcks.waiting && this.context.control.bufferedBytes === 0;
  }

  /** What this session's subscriptions still owe (for the drain's report of what it cut). */
  owed(): { subscriptions: number; bytes: number } {
    return this.subscriptions.owed();
  }

  /** A drain has begun: the peer learns where each subscription ends, and gets it all. */
  drain(): void {
    this.subscriptions.drain();
  }

  close(code: number, reason: string): void {
    this.context.close(code, reason);
  }

  private shutdown(): void {
    this.subscriptions.stopAll();
    this.close(CLOSE_CODES.normal, 'control stream ended');
  }
}
