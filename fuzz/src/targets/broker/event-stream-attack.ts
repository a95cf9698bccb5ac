// Mutated frames on an event stream, where the broker expects the client to stay silent.
import { once } from 'node:events';
import { connect as tlsConnect } from 'node:tls';
import { encodeFrame } from '@felix/generated';
import { concatBytes } from '@felix/spec/interpreter';
import type { ClientSession } from '@felix/transport';
import type { Mutator } from '../../mutators.js';
import type { Rng } from '../../rng.js';
import type { Drain } from './drain.js';
import type { Stats } from './stats.js';
import { withTimeout } from './waiting.js';

/**
 * Subscribes, then attaches a raw TLS connection as that subscription's event stream (or, at
 * times, with a wrong token or id) and writes mutated frames where the broker expects silence.
 */
export async function attackEventStream(
  session: ClientSession,
  port: number,
  control: Drain,
  token: string,
  mutator: Mutator,
  rng: Rng,
  stats: Stats,
  state: { stop: boolean },
): Promise<void> {
  const subscribed = control.nextSubscribed();
  session.control.writable.write(
    encodeFrame({ type: 'subscribe', tenant_id: 't1', namespace: 'default', stream: 'demo', start: 'latest' }),
  );
  const id = await withTimeout(subscribed, 5000, 'subscribed').catch(() => undefined);
  if (id === undefined || state.stop) return;
  const socket = tlsConnect({
    host: '127.0.0.1',
    port,
    rejectUnauthorized: false,
    ALPNProtocols: ['felix'],
  });
  socket.on('error', () => {});
  socket.on('data', () => {});
  try {
    await withTimeout(once(socket, 'secureConnect'), 5000, 'event stream connect');
    const attach = encodeFrame({
      type: 'stream_attach',
      session_token: rng.chance(0.9) ? token : 'not-a-token',
      kind: 'event',
      subscription_id: rng.chance(0.9) ? id : Number(id) + 1 + rng.below(5),
    });
    const frames: Uint8Array[] = [attach];
    for (let i = 0, n = 1 + rng.below(64); i < n; i++) frames.push(mutator.next());
    const all = concatBytes(frames);
    stats.frames += frames.length;
    stats.eventStreamAttacks++;
    if (!socket.write(all)) await withTimeout(once(socket, 'drain'), 5000, 'drain').catch(() => undefined);
  } catch {
    // refused or cut by the broker: expected
  } finally {
    socket.destroy();
  }
}
