// What the demos share: a broker of their own (the real broker process, on ephemeral loopback
// ports, gone when the demo ends) and a narrator that numbers the steps.
import { type BrokerProcess, startBrokerProcess } from '@felix/testkit';

export interface DemoBroker {
  broker: BrokerProcess;
  /** felix+tls:// URL of the broker. */
  url: string;
  fingerprint: string;
  /** The broker's development token (tenant t1, every right), which the clients present. */
  token: string;
}

export async function startDemoBroker(): Promise<DemoBroker> {
  say('starting a broker on ephemeral loopback ports (its embedded registry has stream `demo` and cache `primary`)');
  const broker = await startBrokerProcess({ FELIX_CARRIERS: 'tls,webtransport' });
  const url = `felix+tls://127.0.0.1:${broker.ports.tls}`;
  detail(`listening: ${url} (TLS over TCP), WebTransport on ${broker.ports.webtransport}`);
  detail(`certificate fingerprint, pinned by the clients below: ${broker.fingerprint.slice(0, 23)}…`);
  detail('clients present the development token the broker wrote into its data directory');
  if (broker.token === undefined) throw new Error('the broker wrote no development token');
  return { broker, url, fingerprint: broker.fingerprint, token: broker.token };
}

let step = 0;

/** A numbered step of the story. */
export function say(text: string): void {
  process.stdout.write(`\n${++step}. ${text}\n`);
}

/** What happened within the current step. */
export function detail(text: string): void {
  process.stdout.write(`   ${text}\n`);
}

/**
 * Runs a demo: its broker is stopped whatever happens, and the process exits 0 when the story
 * ran to its end, 1 (with the reason on one line) when it did not.
 */
export async function runDemo(title: string, story: (demo: DemoBroker) => Promise<void>): Promise<never> {
  process.stdout.write(`${title}\n${'='.repeat(title.length)}\n`);
  let demo: DemoBroker | undefined;
  let code = 0;
  try {
    demo = await startDemoBroker();
    await story(demo);
    say('done: stopping the broker');
  } catch (err) {
    process.stderr.write(`demo failed: ${err instanceof Error ? err.message : String(err)}\n`);
    code = 1;
  } finally {
    const exit = await demo?.broker.stop();
    if (demo && exit !== 0) {
      process.stderr.write(`the broker exited with ${exit}\n`);
      code = 1;
    }
  }
  process.exit(code);
}

export const text = (bytes: Uint8Array | null) => (bytes === null ? null : new TextDecoder().decode(bytes));
