// The flow-control state one broker's sessions share: the gates of its `receiving` and
// `answers` pools. Kept beside BrokerState rather than in it, since only sessions use it.
import type { BrokerState } from '../../core/broker-state.js';
import { AnswerPool } from './answers.js';
import { ReceivingPool } from './receiving.js';

export interface FlowState {
  receiving: ReceivingPool;
  answers: AnswerPool;
}

const flows = new WeakMap<BrokerState, FlowState>();

export function flowOf(state: BrokerState): FlowState {
  let flow = flows.get(state);
  if (!flow) {
    const created: FlowState = {
      receiving: new ReceivingPool(state.memory),
      answers: new AnswerPool(state.memory),
    };
    // What carriers hold changes without telling anyone; a scrape sees it as it is.
    state.metrics.onScrape(() => created.answers.settleAll());
    flows.set(state, created);
    flow = created;
  }
  return flow;
}
