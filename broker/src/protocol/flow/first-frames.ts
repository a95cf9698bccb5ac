// The TLS listener reads each connection's first frame itself, to route it, before there is a
// session: those frames are charged to the `receiving` pool and held to the rate floor too.
import type { FirstFrameAccounting } from '@felix/transport';
import type { BrokerState } from '../../core/broker-state.js';
import { flowOf } from './flow-state.js';
import { FrameReceipt } from './receiving.js';

export function tlsFirstFrameAccounting(state: BrokerState): FirstFrameAccounting {
  const { config, metrics } = state;
  const floor = { windowMs: config.frameReceiveTimeoutMs, bytesPerSecond: config.peerMinBytesPerSecond };
  return (stalled) =>
    new FrameReceipt(flowOf(state).receiving, floor, {
      waited: () => metrics.readPauses.inc({ pool: 'receiving' }),
      stalled: () => {
        metrics.framesStalled.inc({ carrier: 'tls' });
        stalled();
      },
    });
}
