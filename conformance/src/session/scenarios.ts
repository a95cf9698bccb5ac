// The scenarios of session conformance, written from upstream's docs/protocol.md and what its
// client does: auth on every bidirectional stream, any request on any of them, each publish and
// acknowledgement form, subscribe then FIN with delivery going on, cache requests on any
// stream, an unknown flag bit, and every bad input of the frame vectors a stream can carry.
import {
  type Auth,
  FEATURES,
  FLAGS,
  frameBytes,
  HEADER_SIZE,
  ORIGINAL_V1_FLAGS,
  type WireMessage,
} from '@felix/generated';
import type { ClientSession } from '@felix/transport';
import { fromHex } from '../notation.js';
import type { Vector } from '../vectors.js';
import { canOfferNoAlpn, connectTarget, defaultAlpn, describeCarrier, runnerHost } from './connect.js';
import { ANSWER_TIMEOUT_MS, describe, Inbox, Lane } from './lane.js';
import type { BrokerHost, SessionTarget } from './target.js';

/**
 * What a scenario came to: passed, failed (with why), skipped (with why it cannot run), or
 * known: it failed where the spec lists a difference of the broker's host from upstream.
 */
export type Outcome = { status: 'pass' | 'fail' | 'skip' | 'known'; detail?: string };

/** A difference from upstream the spec admits for one host and carrier (spec sessions.known_differences). */
export interface KnownDifference {
  host: BrokerHost;
  carrier: string;
  doc: string;
}

/** What scenarios run against: the frame vectors, and the differences the spec admits. */
export interface SessionContext {
  vectors: Vector[];
  knownDifferences: KnownDifference[];
}

export interface Scenario {
  name: string;
  run(target: SessionTarget, context: SessionContext): Promise<Outcome>;
}

/** Upstream's flags for publishing with acks; on TLS also STREAM_ATTACH, without which no second stream exists. */
function authFrame(target: SessionTarget): Auth {
  return {
    type: 'auth',
    tenant_id: target.tenant,
    token: target.token,
    client_flags: ORIGINAL_V1_FLAGS | FLAGS.BINARY_PUBLISH_ACKED | FLAGS.BINARY_PUBLISH_ACK,
    client_features: target.carrier === 'tls' ? FEATURES.STREAM_ATTACH : 0,
  };
}

/** A connection and its first stream, authenticated. */
class Connection {
  private constructor(
    readonly session: ClientSession,
    readonly first: Lane,
    private readonly target: SessionTarget,
  ) {}

  static async open(target: SessionTarget): Promise<Connection> {
    const session = await connectTarget(target);
    const c = new Connection(session, new Lane(session.control), target);
    c.first.send(authFrame(target));
    const ok = await c.first.inbox.next();
    if (!('type' in ok) || (ok.type !== 'auth_ok' && ok.type !== 'ok'))
      throw new Error(`auth was answered with ${describe(ok)}`);
    if (ok.type === 'auth_ok' && ok.session_token) session.setAttachToken(ok.session_token);
    return c;
  }

  /** A further bidirectional stream that has sent its own auth and read the answer. */
  async lane(): Promise<Lane> {
    const l = new Lane(await withDeadline(this.session.openCacheStream(), 'no stream could be opened'));
    l.send(authFrame(this.target));
    const ok = await l.inbox.next();
    if (!('type' in ok) || (ok.type !== 'auth_ok' && ok.type !== 'ok'))
      throw new Error(`auth on a further stream was answered with ${describe(ok)}`);
    return l;
  }

  close(): void {
    this.session.close({ code: 0, reason: 'conformance done' });
  }
}

/** `promise`, or a rejection saying `what` once ANSWER_TIMEOUT_MS has passed (a peer that grants no stream credit). */
async function withDeadline<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} within ${ANSWER_TIMEOUT_MS} ms`)), ANSWER_TIMEOUT_MS);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs `body` on a fresh connection, closing it however the body ends. */
async function withConnection(target: SessionTarget, body: (c: Connection) => Promise<Outcome> | Promise<void>) {
  const c = await Connection.open(target);
  try {
    return (await body(c)) ?? { status: 'pass' };
  } finally {
    c.close();
  }
}

const text = (s: string) => new TextEncoder().encode(s);

function scope(target: SessionTarget) {
  return { tenant_id: target.tenant, namespace: target.namespace };
}

/** A request whose answer proves nothing else was answered before it on the lane. */
async function sentinel(target: SessionTarget, l: Lane, requestId: number): Promise<void> {
  l.send({ type: 'cache_get', ...scope(target), cache: target.cache, key: 'conformance-none', request_id: requestId });
  const value = await l.inbox.expect('cache_value');
  if (value.request_id !== requestId) throw new Error(`cache_value for ${value.request_id}, not ${requestId}`);
}

/** Payloads of whatever event form the broker delivered, as text. */
function eventTexts(m: WireMessage): string[] {
  switch (m.type) {
    case 'event':
      return [new TextDecoder().decode(m.payload)];
    case 'event_batch':
    case 'binary_event_batch':
    case 'binary_shared_event_batch':
      return m.payloads.map((p) => new TextDecoder().decode(p));
    default:
      throw new Error(`expected events, got ${describe(m)}`);
  }
}

/** Whether a frame can be sent whole on a stream: its header declares exactly the bytes that follow. */
function delimited(frame: Uint8Array): boolean {
  if (frame.length < HEADER_SIZE) return false;
  const length = new DataView(frame.buffer, frame.byteOffset).getUint32(8);
  return frame.length === HEADER_SIZE + length;
}

/**
 * Negative vectors sent on one connection, each on a stream of its own. Well under the 256
 * bidirectional streams a Felix broker grants at once, so a carrier that never returns stream
 * credit (Deno's HTTP/3 WebTransport loses FINs, and a stream never ends there) still has room.
 */
const VECTORS_PER_CONNECTION = 100;

/**
 * A handshake refused for want of a common ALPN: TLS alert 120 (no_application_protocol), which
 * QUIC carries as CONNECTION_CLOSE 0x178 (376). Any other failure is a failure.
 */
const NO_APPLICATION_PROTOCOL = /\b(?:error 120|0x178|376)\b|no_application_protocol|known protocol/i;

/** The first scenario: without it passing, no other can reach a broker over QUIC without ALPN. */
export const HANDSHAKE_WITHOUT_ALPN = 'handshake without ALPN';

export const SCENARIOS: Scenario[] = [
  {
    name: HANDSHAKE_WITHOUT_ALPN,
    run: async (target, { knownDifferences }) => {
      if (target.carrier !== 'quic') return { status: 'skip', detail: 'QUIC only' };
      const alpn = target.alpn ?? defaultAlpn();
      if (alpn.length > 0)
        return {
          status: 'skip',
          detail: canOfferNoAlpn()
            ? `this run offers ALPN ${alpn.join(',')} (alpn=none asks for none)`
            : `this runner offers ALPN ${alpn.join(',')}: on Node its QUIC library (quiche) cannot offer none; run it on Deno with alpn=none`,
        };
      try {
        return await withConnection(target, async () => undefined);
      } catch (err) {
        const known = knownDifferences.find((d) => d.host === target.brokerHost && d.carrier === 'quic');
        if (known === undefined || !NO_APPLICATION_PROTOCOL.test((err as Error).message)) throw err;
        return {
          status: 'known',
          detail: `refused (${(err as Error).message}), a known difference of the ${known.host} host: ${known.doc}`,
        };
      }
    },
  },
  {
    name: 'auth on every bidirectional stream',
    run: (target) =>
      withConnection(target, async (c) => {
        for (let i = 0; i < 3; i++) await c.lane();
      }),
  },
  {
    name: 'each publish and acknowledgement form, on two streams',
    run: (target) =>
      withConnection(target, async (c) => {
        const [a, b] = [c.first, await c.lane()];
        const to = { ...scope(target), stream: target.stream };
        a.send({ type: 'publish', ...to, payload: text('json-none'), ack: 'none' });
        b.send({ type: 'publish', ...to, payload: text('json-per-message'), ack: 'per_message' });
        await b.inbox.expect('ok');
        a.send({ type: 'publish_batch', ...to, payloads: [text('batch-1'), text('batch-2')], ack: 'per_batch' });
        await a.inbox.expect('ok');
        b.send({ type: 'publish', ...to, payload: text('json-id'), ack: 'per_message', request_id: 41 });
        if ((await b.inbox.expect('publish_ok')).request_id !== 41) throw new Error('publish_ok for another request');
        a.send({ type: 'binary_publish_batch', ...to, payloads: [text('binary-unacked')] });
        b.send({
          type: 'binary_publish_batch',
          ...to,
          payloads: [text('binary-acked')],
          request_id: 42n,
          ack_mode: 'per_batch',
        });
        const ack = await b.inbox.expect('binary_publish_ack');
        if (ack.request_id !== 42n || ack.status !== 'ok') throw new Error(`unexpected ${describe(ack)}`);
        // Nothing was owed for the unacknowledged forms: the next answer on each stream is the sentinel's.
        await sentinel(target, a, 43);
        await sentinel(target, b, 44);
      }),
  },
  {
    name: 'subscribe, then FIN: the subscription still delivers',
    run: async (target) => {
      if (target.carrier === 'tls')
        return { status: 'skip', detail: 'each TLS stream is its own connection: a FIN there ends it' };
      if (target.carrier === 'webtransport' && runnerHost() === 'deno')
        return {
          status: 'skip',
          detail:
            "Deno's WebTransport client (2.9) sends no FIN when it closes a stream, so none reaches the broker: run this from Node (http=2)",
        };
      return withConnection(target, async (c) => {
        const sub = await c.lane();
        sub.send({ type: 'subscribe', ...scope(target), stream: target.stream });
        await sub.stream.writable.end();
        const subscribed = await sub.inbox.expect('subscribed');
        await sub.inbox.finished();
        const events = new Inbox(await c.session.eventStream(subscribed.subscription_id));
        await events.expect('event_stream_hello');
        const marker = `after-fin-${subscribed.subscription_id}`;
        c.first.send({
          type: 'publish',
          ...scope(target),
          stream: target.stream,
          payload: text(marker),
          ack: 'per_message',
        });
        await c.first.inbox.expect('ok');
        for (;;) {
          const m = await events.next();
          if (!('type' in m)) throw new Error(`undecodable event frame (${m.code})`);
          if (eventTexts(m).includes(marker)) return;
        }
      });
    },
  },
  {
    name: 'cache requests on any stream',
    run: (target) =>
      withConnection(target, async (c) => {
        const lanes = [c.first, await c.lane(), await c.lane()];
        const entry = { ...scope(target), cache: target.cache, key: `conformance-${Date.now()}` };
        lanes[1].send({ type: 'cache_put', ...entry, value: text('v'), ttl_ms: 60_000, request_id: 1 });
        const put = await lanes[1].inbox.next();
        if (!('type' in put) || (put.type !== 'cache_ok' && put.type !== 'ok'))
          throw new Error(`cache_put was answered with ${describe(put)}`);
        for (const [i, l] of lanes.entries()) {
          l.send({ type: 'cache_get', ...entry, request_id: 10 + i });
          const got = await l.inbox.expect('cache_value');
          if (got.request_id !== 10 + i || new TextDecoder().decode(got.value ?? new Uint8Array()) !== 'v')
            throw new Error(`unexpected ${describe(got)}`);
        }
      }),
  },
  {
    name: 'an unknown flag bit is answered with error, and the stream goes on',
    run: (target) =>
      withConnection(target, async (c) => {
        c.first.sendRaw(frameBytes(0x8000, text('{"type":"cache_get"}')));
        await c.first.inbox.expect('error');
        await sentinel(target, c.first, 7);
      }),
  },
  {
    name: 'every bad input of the frame vectors is answered with an error',
    run: async (target, { vectors }) => {
      const bad = vectors.filter((v) => 'error' in v.expect);
      const sendable = bad.filter((v) => delimited(fromHex(v.frameHex)));
      const failures: string[] = [];
      for (let from = 0; from < sendable.length; from += VECTORS_PER_CONNECTION)
        await withConnection(target, async (c) => {
          for (const v of sendable.slice(from, from + VECTORS_PER_CONNECTION)) {
            const l = await c.lane();
            l.sendRaw(fromHex(v.frameHex));
            try {
              const answer = await l.inbox.next();
              const refused =
                'type' in answer &&
                (answer.type === 'error' ||
                  answer.type === 'publish_error' ||
                  (answer.type === 'binary_publish_ack' && answer.status === 'error'));
              if (!refused) failures.push(`${v.name}: ${describe(answer)}`);
            } catch (err) {
              failures.push(`${v.name}: ${(err as Error).message}`);
            }
            await l.stream.writable.end().catch(() => undefined);
          }
        });
      const note = `${sendable.length} of ${bad.length} negative vectors (the rest do not delimit themselves on a stream: short or truncated frames, trailing bytes)`;
      if (failures.length > 0) return { status: 'fail', detail: `${note}; not refused: ${failures.join('; ')}` };
      return { status: 'pass', detail: note };
    },
  },
];

/**
 * Runs every scenario against `target`, one connection each. When the handshake itself is a
 * known difference of the broker's host, the rest are skipped: none of them could connect.
 */
export async function runSessionConformance(
  target: SessionTarget,
  context: SessionContext,
): Promise<{ name: string; outcome: Outcome }[]> {
  const results: { name: string; outcome: Outcome }[] = [];
  for (const s of SCENARIOS) {
    let outcome: Outcome;
    if (results[0]?.name === HANDSHAKE_WITHOUT_ALPN && results[0].outcome.status === 'known') {
      outcome = { status: 'skip', detail: 'it needs the handshake this host refuses (known difference, above)' };
    } else {
      try {
        outcome = await s.run(target, context);
      } catch (err) {
        outcome = { status: 'fail', detail: (err as Error).message };
      }
    }
    results.push({ name: s.name, outcome });
  }
  return results;
}

/** One line per scenario, then the totals. */
export function formatSessionResults(target: SessionTarget, results: { name: string; outcome: Outcome }[]): string {
  const lines = [
    `Session conformance over ${describeCarrier(target)} at ${target.host}:${target.port}, run on ${runnerHost()}`,
  ];
  for (const { name, outcome } of results)
    lines.push(`${outcome.status.toUpperCase().padEnd(5)}  ${name}${outcome.detail ? ` — ${outcome.detail}` : ''}`);
  const count = (s: Outcome['status']) => results.filter((r) => r.outcome.status === s).length;
  lines.push(
    `${count('pass')} passed, ${count('fail')} failed, ${count('skip')} skipped, ${count('known')} known difference${count('known') === 1 ? '' : 's'}`,
  );
  return lines.join('\n');
}
