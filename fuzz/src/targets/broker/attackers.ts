// Attacking connections: each authenticates (mostly with the real token, sometimes with a bad
// one, sometimes not at all), opens streams and writes mutated frames until the broker closes
// it, then the next one connects.

import { encodeFrame, FLAGS, HEADER_SIZE, readHeader } from '@felix/generated';
import { concatBytes } from '@felix/spec/interpreter';
import { type BrokerProcess, type CarrierName, connectSession } from '@felix/testkit';
import type { ByteSink, ClientSession } from '@felix/transport';
import type { Mutator } from '../../mutators.js';
import type { Rng } from '../../rng.js';
import { Drain } from './drain.js';
import { attackEventStream } from './event-stream-attack.js';
import type { Stats } from './stats.js';
import { sleep, withTimeout } from './waiting.js';
import { ALL_FEATURES, ALL_FLAGS } from './wire-values.js';

/** Whether the broker can read past this frame: a good header whose length is the truth. */
function keepsStreamOpen(frame: Uint8Array): boolean {
  try {
    return readHeader(frame).length === frame.length - HEADER_SIZE;
  } catch {
    return false;
  }
}

/** One attacking connection after another until told to stop. */
export async function attacker(
  broker: BrokerProcess,
  carrier: CarrierName,
  mutator: Mutator,
  rng: Rng,
  stats: Stats,
  state: { stop: boolean },
): Promise<void> {
  while (!state.stop) {
    let session: ClientSession;
    try {
      session = await withTimeout(connectSession(carrier, broker), 5000, 'connect');
    } catch {
      stats.connectFailures++;
      await sleep(50);
      continue;
    }
    stats.connections++;
    // Only TLS lets a client write on an event stream: it opens that connection itself.
    const eventPort = carrier === 'tls' ? broker.ports.tls : undefined;
    try {
      await attackSession(session, eventPort, chooseToken(broker.token, rng), mutator, rng, stats, state);
    } catch {
      // the broker closing a connection mid-write is the expected end of most sessions
    }
    session.close({ code: 0, reason: 'fuzz' });
  }
}

/**
 * Mostly the broker's real token, so most sessions get past auth to what the mutated frames
 * attack; sometimes a bad one, which the broker must refuse and close the session over.
 */
function chooseToken(token: string | undefined, rng: Rng): string {
  if (token === undefined || rng.chance(0.8)) return token ?? '';
  switch (rng.below(4)) {
    case 0:
      return 'fuzz';
    case 1:
      return `${token.slice(0, -4)}AAAA`; // the signature tampered with
    case 2:
      return token.split('.').slice(0, 2).join('.'); // no signature part
    default:
      return token.repeat(1 + rng.below(8));
  }
}

async function attackSession(
  session: ClientSession,
  /** Where event-stream connections go; undefined on carriers where the broker opens them. */
  eventPort: number | undefined,
  token: string,
  mutator: Mutator,
  rng: Rng,
  stats: Stats,
  state: { stop: boolean },
): Promise<void> {
  const control = new Drain(session.control.readable);
  const sinks: { sink: ByteSink; drain: Drain }[] = [{ sink: session.control.writable, drain: control }];
  const mode = rng.below(20);
  if (mode === 0) {
    // Garbage before auth: the broker answers unauthenticated and closes the session.
    const f = mutator.next();
    session.control.writable.write(f);
    stats.frames++;
    await withTimeout(control.first, 5000, 'the answer to a frame before auth').catch(() => undefined);
    return;
  }
  const legacy = mode === 1;
  session.control.writable.write(
    encodeFrame({
      type: 'auth',
      tenant_id: 't1',
      token,
      client_flags: legacy ? undefined : ALL_FLAGS & ~(rng.chance(0.3) ? FLAGS.BINARY_PUBLISH_ACK : 0),
      client_features: legacy ? undefined : ALL_FEATURES,
    }),
  );
  const reply = await withTimeout(control.first, 5000, 'auth');
  if (!reply) return;
  if (reply.type === 'auth_ok' && reply.session_token) {
    session.setAttachToken(reply.session_token);
    if (eventPort !== undefined && rng.chance(0.2))
      await attackEventStream(session, eventPort, control, reply.session_token, mutator, rng, stats, state);
  }
  if (!legacy && rng.chance(0.5)) {
    try {
      const cache = await withTimeout(session.openCacheStream(), 5000, 'opening a cache stream');
      sinks.push({ sink: cache.writable, drain: new Drain(cache.readable) });
    } catch {
      // the broker may already have closed the session
    }
  }
  // Up to a few thousand frames per connection, then a fresh one, so connection set-up and
  // tear-down are exercised too.
  const batches = 5 + rng.below(60);
  for (let b = 0; b < batches && !state.stop; b++) {
    const open = sinks.filter((s) => !s.drain.ended);
    if (!open.length || control.ended) return;
    const { sink } = rng.pick(open);
    const frames: Uint8Array[] = [];
    const size = 16 + rng.below(112);
    while (frames.length < size) {
      const f = mutator.next();
      // Megabyte frames are decoder tests; here a few go through, the rest would only slow the
      // loop down to the speed of copying them.
      if (f.length > 65536 && !rng.chance(0.01)) continue;
      if (keepsStreamOpen(f)) frames.push(f);
      else if (rng.chance(0.02)) {
        // A frame that ends the stream goes last: nothing after it would be read.
        frames.push(f);
        break;
      }
    }
    if (!sink.write(concatBytes(frames))) await withTimeout(sink.drained(), 5000, 'drain').catch(() => undefined);
    stats.frames += frames.length;
    // A pause per batch leaves the event loop (and the second core) to the clean clients and
    // the broker; without it six attackers starve the clean clients of this process's time.
    await sleep(1);
  }
}
