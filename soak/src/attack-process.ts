// The attacker's process: one attack run against the broker, apart from the process that judges
// it, at a lower scheduling priority (ATTACKER_NICE). On loopback the attacker shares the
// broker's cores, and thousands of connections cost the attacker as much CPU as the broker: at
// equal priority the broker waited for a CPU as long as it ran, and /live measured the
// attacker's appetite as much as the broker's. Niced, the attacker takes what the broker and
// the observer leave, as one on another machine would; the broker still competes with
// everything else on the machine at normal priority.

import type { AttackOutcome, Scale } from './attack.js';
import { ATTACKS } from './attacks/index.js';
import { Refusals } from './refusals.js';
import type { SoakEndpoint } from './soak-broker.js';

export interface AttackStart {
  name: string;
  endpoint: SoakEndpoint;
  scale: Scale;
  until: number;
}

/** What the attack asks of the process that started it, and its answer. */
export interface AttackRequest {
  type: 'ask';
  id: number;
  what: 'stopObserving' | 'stopBroker';
  signal?: NodeJS.Signals;
}
export interface AttackAnswer {
  type: 'answer';
  id: number;
  value?: number | null;
}
export type AttackResult =
  | { type: 'done'; outcome: AttackOutcome; refusals: Record<string, number> }
  | { type: 'failed'; error: string; refusals: Record<string, number> };

const { name, endpoint, scale, until } = JSON.parse(process.argv[2]!) as AttackStart;
// Whoever started it is gone (a run cut short): nothing is left to attack for.
process.once('disconnect', () => process.exit(0));

const answers = new Map<number, (value: number | null | undefined) => void>();
process.on('message', (m: AttackAnswer) => {
  answers.get(m.id)?.(m.value);
  answers.delete(m.id);
});
let nextId = 0;
function ask(request: Omit<AttackRequest, 'id'>): Promise<number | null | undefined> {
  const id = nextId++;
  return new Promise((resolve) => {
    answers.set(id, resolve);
    process.send!({ ...request, id });
  });
}

const refusals = new Refusals();
let result: AttackResult;
try {
  const attack = ATTACKS.find((a) => a.name === name);
  if (!attack) throw new Error(`no attack named ${name}`);
  const outcome = await attack.run({
    endpoint,
    scale,
    refusals,
    until,
    stopObserving: async () => {
      await ask({ type: 'ask', what: 'stopObserving' });
    },
    stopBroker: async (signal) => (await ask({ type: 'ask', what: 'stopBroker', signal })) ?? null,
  });
  result = { type: 'done', outcome, refusals: refusals.byCode() };
} catch (err) {
  result = { type: 'failed', error: (err as Error)?.stack ?? String(err), refusals: refusals.byCode() };
}
// Connections an attack left to close on their own would keep the process: it is done.
process.send!(result, () => process.exit(0));
