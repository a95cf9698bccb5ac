// The broker's ConnectionGuard: every carrier's connections counted together against
// maxConnections and per source address against maxConnectionsPerAddress, from accept to
// close, with the handshake and first-frame deadlines from the config.
import type { Admission, ConnectionGuard, DeadlineStage } from '@felix/transport';
import { isLease, Quota } from '../core/quota.js';
import type { BrokerConfig } from './config.js';
import type { BrokerMetrics } from './metrics.js';

/**
 * Refused connections kept at once to be answered after their first frame. A refused peer
 * holds a socket until it speaks or its deadlines pass, so past this many they are cut at accept.
 */
export const ANSWERED_REFUSALS_MAX = 256;

export type ConnectionLimitSettings = Pick<
  BrokerConfig,
  'maxConnections' | 'maxConnectionsPerAddress' | 'handshakeTimeoutMs' | 'authTimeoutMs'
>;

export function brokerConnectionGuard(settings: ConnectionLimitSettings, metrics: BrokerMetrics): ConnectionGuard {
  const connections = new Quota({ total: settings.maxConnections, perKey: settings.maxConnectionsPerAddress });
  let answering = 0;

  const refusalText = (refused: 'total' | 'per_key', host: string) =>
    refused === 'total'
      ? `the broker has ${connections.total} connections open, its limit (maxConnections, FELIX_MAX_CONNECTIONS)`
      : `${connections.heldBy(host)} connections are open from ${host}, the limit per address (maxConnectionsPerAddress, FELIX_MAX_CONNECTIONS_PER_ADDRESS)`;

  return {
    handshakeTimeoutMs: settings.handshakeTimeoutMs,
    firstFrameTimeoutMs: settings.authTimeoutMs,
    admit(carrier: string, host: string): Admission {
      metrics.carrierConnections.inc({ carrier });
      const closed = () => metrics.carrierConnections.dec({ carrier });
      const grant = connections.acquire(host);
      if (isLease(grant)) {
        metrics.connectionSources.set(connections.keys);
        return {
          release: once(() => {
            grant.release();
            metrics.connectionSources.set(connections.keys);
            closed();
          }),
        };
      }
      metrics.limitRefusals.inc({ limit: grant === 'total' ? 'maxConnections' : 'maxConnectionsPerAddress' });
      const refusal = refusalText(grant, host);
      if (answering >= ANSWERED_REFUSALS_MAX) return { refusal, cut: true, release: once(closed) };
      answering++;
      return {
        refusal,
        release: once(() => {
          answering--;
          closed();
        }),
      };
    },
    timedOut(carrier: string, stage: DeadlineStage): void {
      metrics.deadlineTimeouts.inc({ carrier, deadline: stage });
    },
  };
}

function once(f: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    f();
  };
}
