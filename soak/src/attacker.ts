// Starts an attack in a process of its own (attack-process.ts), at a lower priority, and relays
// what it asks of the harness (stop observing, stop the broker) until it reports.
import { fork } from 'node:child_process';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { AttackOutcome, Scale } from './attack.js';
import type { AttackAnswer, AttackRequest, AttackResult, AttackStart } from './attack-process.js';
import type { Refusals } from './refusals.js';
import type { SoakEndpoint } from './soak-broker.js';

/**
 * The attacker's niceness: well below the broker and the observer, so that on a machine short
 * of cores the attacker yields to them (see attack-process.ts). Raising niceness needs no
 * privilege.
 */
export const ATTACKER_NICE = 10;

export interface AttackerOptions {
  name: string;
  endpoint: SoakEndpoint;
  scale: Scale;
  until: number;
  refusals: Refusals;
  stopObserving(): Promise<void>;
  stopBroker(signal?: NodeJS.Signals): Promise<number | null>;
}

/** As observerFile: the built process, also when the harness runs from sources. */
function attackerFile(): string {
  const here = import.meta.url;
  return fileURLToPath(new URL(here.endsWith('.ts') ? '../dist/attack-process.js' : './attack-process.js', here));
}

/** Runs the attack to its end; throws what the attack threw (its stack as the message). */
export async function runAttacker(options: AttackerOptions): Promise<AttackOutcome> {
  const { name, endpoint, scale, until, refusals } = options;
  const start: AttackStart = { name, endpoint, scale, until };
  const child = fork(attackerFile(), [JSON.stringify(start)], {
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    if (child.pid !== undefined) setPriority(child.pid, ATTACKER_NICE);
  } catch {
    // A platform that will not: the attacker runs at the harness's priority.
  }
  const result = await new Promise<AttackResult>((resolve, reject) => {
    child.once('exit', (code, signal) => reject(new Error(`the attack process exited (${code ?? signal})`)));
    child.on('message', (m: AttackRequest | AttackResult) => {
      if (m.type !== 'ask') return resolve(m);
      const answer = (value?: number | null) => {
        const reply: AttackAnswer = { type: 'answer', id: m.id, value };
        if (child.connected) child.send(reply);
      };
      if (m.what === 'stopObserving') void options.stopObserving().then(() => answer());
      else void options.stopBroker(m.signal).then(answer);
    });
  }).finally(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
    }
  });
  for (const [code, times] of Object.entries(result.refusals)) refusals.add(code, times);
  if (result.type === 'failed') throw new Error(result.error);
  return result.outcome;
}
