// The group consumer against a scripted broker behind the Dialer seam: what it sends (joins,
// coalesced acks and nacks, leaves), when its promises settle, what it refuses, and what a
// lost session does to the records it held. The real broker's side is in consumer-broker.test.ts.
import {
  decodePayload,
  encodeFrame,
  FEATURES,
  FLAGS,
  FrameReader,
  type JsonU64,
  type WireMessage,
} from '@felix/generated';
import { AsyncQueue, type ClientSession } from '@felix/transport';
import { describe, expect, it } from 'vitest';
import {
  type Consumer,
  type ConsumerMessage,
  connect,
  type Dialer,
  decodeDeadLetter,
  FelixError,
} from '../src/index.js';

/** One scripted session: what the client sent, and a way to push to the consumer's event stream. */
interface ScriptedSession {
  sent: WireMessage[];
  events: Map<JsonU64, AsyncQueue<Uint8Array>>;
  /** Ends the session as a lost carrier does. */
  drop(): void;
  /** Sends a frame on the control stream, unasked. */
  push(m: WireMessage): void;
}

/**
 * A broker that negotiates everything the client offers (unless `queues` is false), answers
 * group requests as `answer` says (group_joined with consumer id 100 + n by default) and opens
 * an event stream, with its hello, for each consumer it confirms.
 */
function groupBroker(
  options: { queues?: boolean; answer?: (m: WireMessage, session: ScriptedSession) => WireMessage[] | undefined } = {},
): { dial: Dialer; sessions: ScriptedSession[] } {
  const sessions: ScriptedSession[] = [];
  let consumers = 0;
  const dial: Dialer = async (): Promise<ClientSession> => {
    const toClient = new AsyncQueue<Uint8Array>();
    const reader = new FrameReader();
    let close!: (info: { code: number; reason: string }) => void;
    const closed = new Promise<{ code: number; reason: string }>((resolve) => {
      close = resolve;
    });
    const session: ScriptedSession = {
      sent: [],
      events: new Map(),
      push: (m) => toClient.push(encodeFrame(m)),
      drop: () => {
        toClient.end();
        for (const q of session.events.values()) q.end();
        close({ code: 0, reason: 'dropped' });
      },
    };
    sessions.push(session);
    const respond = (m: WireMessage): WireMessage[] => {
      const scripted = options.answer?.(m, session);
      if (scripted) return scripted;
      switch (m.type) {
        case 'auth':
          return [
            {
              type: 'auth_ok',
              server_flags: 0x3f | (options.queues === false ? 0 : FLAGS.GROUP_DELIVERY_BATCH),
              server_features:
                FEATURES.ERROR_CODES | FEATURES.STREAM_ATTACH | (options.queues === false ? 0 : FEATURES.QUEUES),
            },
          ];
        case 'group_join': {
          const id = 100 + ++consumers;
          const events = new AsyncQueue<Uint8Array>();
          events.push(encodeFrame({ type: 'event_stream_hello', subscription_id: id }));
          session.events.set(id, events);
          return [{ type: 'group_joined', consumer_id: id, committed_offset: 0, tail_offset: 10, created: true }];
        }
        case 'group_ack':
        case 'group_nack':
          return m.request_id === undefined ? [] : [{ type: 'group_acked', request_id: m.request_id }];
        case 'group_leave':
          session.events.get(m.consumer_id)?.end();
          return [{ type: 'ok' }];
        default:
          return [];
      }
    };
    return {
      carrier: 'scripted',
      needsAttachToken: false,
      control: {
        readable: toClient,
        writable: {
          write(chunk) {
            reader.push(chunk);
            for (let f = reader.next(); f; f = reader.next()) {
              const m = decodePayload(f.flags, f.payload);
              session.sent.push(m);
              for (const reply of respond(m)) toClient.push(encodeFrame(reply));
            }
            return true;
          },
          drained: async () => {},
          bufferedBytes: 0,
          end: async () => toClient.end(),
          reset: () => toClient.end(),
        },
      },
      openCacheStream: () => Promise.reject(new Error('no cache streams here')),
      eventStream: async (id) => {
        const q = session.events.get(id);
        if (!q) throw new Error(`no event stream for ${id}`);
        return q;
      },
      setAttachToken: () => {},
      close: () => session.drop(),
      closed,
    };
  };
  return { dial, sessions };
}

/** Pushes a group_delivery_batch to a consumer's event stream. */
function deliver(session: ScriptedSession, consumerId: number, base: number, payloads: string[], count = 1): void {
  session.events.get(consumerId)!.push(
    encodeFrame({
      type: 'group_delivery_batch',
      base_offset: BigInt(base),
      delivery_count: count,
      payloads: payloads.map((p) => new TextEncoder().encode(p)),
    }),
  );
}

async function take(consumer: Consumer, n: number): Promise<ConsumerMessage[]> {
  const out: ConsumerMessage[] = [];
  while (out.length < n) {
    const r = await consumer.next();
    if (r.done) throw new Error(`ended after ${out.length}`);
    out.push(r.value);
  }
  return out;
}

/** Polls `check` (after pending callbacks ran) until it holds, for at most two seconds. */
async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 2_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not reached within 2 s');
    await new Promise((r) => setTimeout(r, 5));
  }
}

const settleTypes = (s: ScriptedSession) =>
  s.sent.filter((m) => m.type === 'group_ack' || m.type === 'group_nack' || m.type === 'group_leave');

describe('client.consume against a scripted broker', () => {
  it('joins with the options given, offering QUEUES and the delivery layout in auth', async () => {
    const { dial, sessions } = groupBroker();
    const client = await connect('felix+wt://scripted', {}, dial);
    const consumer = await client.consume('orders', {
      group: 'billing',
      start: { offset: 3 },
      maxInFlight: 8,
      ackWaitMs: 500,
      maxDeliveries: 2,
      deadLetterStream: 'orders.dlq',
      namespace: 'ns',
    });
    const [auth, join] = sessions[0]!.sent;
    expect(auth).toMatchObject({ type: 'auth' });
    if (auth?.type !== 'auth') throw new Error('no auth');
    expect(auth.client_flags! & FLAGS.GROUP_DELIVERY_BATCH).toBeTruthy();
    expect(auth.client_features! & FEATURES.QUEUES).toBeTruthy();
    expect(join).toEqual({
      type: 'group_join',
      tenant_id: 't1',
      namespace: 'ns',
      stream: 'orders',
      group: 'billing',
      start: { offset: 3 },
      max_in_flight: 8,
      ack_wait_ms: 500,
      max_deliveries: 2,
      dead_letter_stream: 'orders.dlq',
    });
    expect(consumer.consumerId).toBe(101);
    expect(consumer.position).toEqual({ committedOffset: 0, tailOffset: 10, created: true, epoch: undefined });
    await client.close();
  });

  it('refuses to consume from a broker that does not serve consumer groups', async () => {
    const { dial, sessions } = groupBroker({ queues: false });
    const client = await connect('felix+wt://scripted', {}, dial);
    const err = await client.consume('orders', { group: 'g' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FelixError);
    expect(err).toMatchObject({ code: 'not_supported', retry: 'fatal', message: expect.stringContaining('QUEUES') });
    expect(sessions[0]!.sent.map((m) => m.type)).toEqual(['auth']);
    await client.close();
  });

  it('refuses bad options before anything is sent', async () => {
    const { dial } = groupBroker();
    const client = await connect('felix+wt://scripted', {}, dial);
    await expect(client.consume('s', { group: 'g', maxInFlight: 0 })).rejects.toThrow(RangeError);
    await expect(client.consume('s', { group: 'g', ackWaitMs: 1.5 })).rejects.toThrow(RangeError);
    await expect(client.consume('s', { group: 'g', start: { offset: -1 } })).rejects.toThrow(RangeError);
    await client.close();
  });

  it('delivers records with offsets and counts, and coalesces one turn of acks into one frame', async () => {
    const { dial, sessions } = groupBroker();
    const client = await connect('felix+wt://scripted', {}, dial);
    const consumer = await client.consume('orders', { group: 'g' });
    const s = sessions[0]!;
    deliver(s, 101, 5, ['a', 'b', 'c']);
    deliver(s, 101, 2, ['z'], 3);
    const got = await take(consumer, 4);
    expect(got.map((m) => [m.offset, new TextDecoder().decode(m.payload), m.deliveryCount])).toEqual([
      [5, 'a', 1],
      [6, 'b', 1],
      [7, 'c', 1],
      [2, 'z', 3],
    ]);
    await Promise.all([got[0]!.ack(), got[2]!.ack(), got[1]!.ack(), got[3]!.nack({ delayMs: 250 })]);
    const settles = settleTypes(s);
    expect(settles).toEqual([
      { type: 'group_ack', consumer_id: 101, ranges: [5, 7], request_id: expect.any(Number) },
      { type: 'group_nack', consumer_id: 101, ranges: [2, 2], delay_ms: 250, request_id: expect.any(Number) },
    ]);
    // A second ack of a settled record is the first one again, not another frame.
    await got[0]!.ack();
    expect(settleTypes(s)).toHaveLength(2);
    await client.close();
  });

  it('resolves an ack only once group_acked for its frame arrives, and rejects it on a refusal', async () => {
    let held: WireMessage | undefined;
    const { dial, sessions } = groupBroker({
      answer: (m) => {
        if (m.type !== 'group_ack') return undefined;
        if (held === undefined) {
          held = m;
          return [];
        }
        return [
          { type: 'error', message: 'no such consumer', code: 'not_found', request_id: m.request_id },
          { type: 'group_acked', request_id: (held as { request_id: number }).request_id },
        ];
      },
    });
    const client = await connect('felix+wt://scripted', {}, dial);
    const consumer = await client.consume('orders', { group: 'g' });
    deliver(sessions[0]!, 101, 0, ['a', 'b']);
    const [a, b] = await take(consumer, 2);
    let first = false;
    const acked = a!.ack().then(() => {
      first = true;
    });
    await until(() => sessions[0]!.sent.some((m) => m.type === 'group_ack'));
    expect(first).toBe(false);
    const refused = await b!.ack().catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'not_found' });
    await acked;
    expect(first).toBe(true);
    await client.close();
  });

  it('gives an error without an id to the join it answers, not to an ack waiting on a log', async () => {
    let held: WireMessage | undefined;
    const { dial, sessions } = groupBroker({
      answer: (m) => {
        if (m.type === 'group_ack') {
          held = m;
          return [];
        }
        if (m.type === 'group_join' && m.group === 'other')
          return [{ type: 'error', message: 'max_deliveries differs', code: 'invalid_request' }];
        return undefined;
      },
    });
    // Misrouted, the refusal would leave the join waiting: this bounds the wait.
    const client = await connect('felix+wt://scripted', { requestTimeoutMs: 2_000 }, dial);
    const consumer = await client.consume('orders', { group: 'g' });
    deliver(sessions[0]!, 101, 0, ['a']);
    const [a] = await take(consumer, 1);
    const acked = a!.ack();
    await until(() => held !== undefined);
    const refused = await client.consume('orders', { group: 'other' }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'invalid_request' });
    // The broker confirms the ack once its log has it, after the join was refused.
    sessions[0]!.push({ type: 'group_acked', request_id: (held as { request_id: number }).request_id });
    await acked;
    await client.close();
  });

  it('gives a typed error without an id to the join, not to a JSON publish still waiting', async () => {
    let publish: WireMessage | undefined;
    const { dial, sessions } = groupBroker({
      answer: (m) => {
        if (m.type === 'publish_batch') {
          publish = m;
          return [];
        }
        if (m.type === 'group_join') return [{ type: 'error', message: 'no such stream', code: 'not_found' }];
        return undefined;
      },
    });
    const client = await connect('felix+wt://scripted', { requestTimeoutMs: 2_000 }, dial);
    // The first publish to a stream goes as JSON, which a durable stream answers once stored.
    const published = client.publish('orders', 'x');
    await until(() => publish !== undefined);
    const refused = await client.consume('orders', { group: 'g' }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'not_found' });
    sessions[0]!.push({ type: 'publish_ok', request_id: (publish as { request_id: number }).request_id });
    await published;
    await client.close();
  });

  it('leaves the group on break, sending the acks made before the leave', async () => {
    const { dial, sessions } = groupBroker();
    const client = await connect('felix+wt://scripted', {}, dial);
    const consumer = await client.consume('orders', { group: 'g' });
    deliver(sessions[0]!, 101, 0, ['a', 'b']);
    let acked: Promise<void> | undefined;
    for await (const m of consumer) {
      acked = m.ack();
      break;
    }
    expect(settleTypes(sessions[0]!).map((m) => m.type)).toEqual(['group_ack', 'group_leave']);
    await acked;
    expect(consumer.closed).toBe(true);
    expect(await consumer.next()).toEqual({ value: undefined, done: true });
    await client.close();
  });

  it('rejoins on a new session, and refuses acks of what the old one delivered as stale', async () => {
    const { dial, sessions } = groupBroker();
    const client = await connect('felix+wt://scripted', { reconnect: { initialDelayMs: 0, jitter: 0 } }, dial);
    const errors: FelixError[] = [];
    client.on('error', (e) => errors.push(e));
    const consumer = await client.consume('orders', { group: 'g' });
    deliver(sessions[0]!, 101, 0, ['old', 'unread']);
    const [old] = await take(consumer, 1);
    const reconnected = new Promise((resolve) => client.on('connect', resolve));
    sessions[0]!.drop();
    // Before the client is back, and after: never a hang, always the typed refusal.
    const early = await old!.ack().catch((e: unknown) => e);
    expect(early).toMatchObject({ code: 'stale_delivery', retry: 'fatal' });
    await reconnected;
    await until(() => sessions[1]?.events.has(102) === true);
    expect(sessions[1]!.sent.filter((m) => m.type === 'group_join')).toEqual([
      // A group that vanished with the broker's memory is recreated from its oldest record.
      expect.objectContaining({ group: 'g', start: 'earliest' }),
    ]);
    const nack = await old!.nack().catch((e: unknown) => e);
    expect(nack).toMatchObject({ code: 'stale_delivery' });
    // The record the old session left unread is not handed out: the broker has it back.
    deliver(sessions[1]!, 102, 1, ['again'], 2);
    const [again] = await take(consumer, 1);
    expect([again!.offset, again!.deliveryCount]).toEqual([1, 2]);
    await again!.ack();
    expect(settleTypes(sessions[1]!)).toEqual([
      { type: 'group_ack', consumer_id: 102, ranges: [1, 1], request_id: expect.any(Number) },
    ]);
    expect(errors.filter((e) => e.code !== 'connection_lost')).toEqual([]);
    await client.close();
  });

  it('drops records whose ack wait passed while they sat unread', async () => {
    const { dial, sessions } = groupBroker();
    const client = await connect('felix+wt://scripted', {}, dial);
    const consumer = await client.consume('orders', { group: 'g', ackWaitMs: 30 });
    deliver(sessions[0]!, 101, 0, ['stale']);
    // The condition is time itself: the record's ack wait has to pass while it sits unread.
    const delivered = Date.now();
    await until(() => Date.now() - delivered > 40);
    deliver(sessions[0]!, 101, 0, ['fresh'], 2);
    const [m] = await take(consumer, 1);
    expect([new TextDecoder().decode(m!.payload), m!.deliveryCount]).toEqual(['fresh', 2]);
    await client.close();
  });

  it('waits for unconfirmed acks when the client closes', async () => {
    const { dial, sessions } = groupBroker();
    const client = await connect('felix+wt://scripted', {}, dial);
    const consumer = await client.consume('orders', { group: 'g' });
    deliver(sessions[0]!, 101, 0, ['a']);
    const [a] = await take(consumer, 1);
    const acked = a!.ack();
    await client.close();
    await acked;
    expect(settleTypes(sessions[0]!).map((m) => m.type)).toEqual(['group_ack']);
  });
});

describe('decodeDeadLetter', () => {
  it('reads a dead-letter record back into what it says', () => {
    const record = encodeFrame({
      type: 'dead_letter',
      tenant_id: 't1',
      namespace: 'default',
      stream: 'orders',
      group: 'billing',
      offset: 41,
      epoch: 7,
      delivery_count: 5,
      reason: 'max_deliveries',
      payload: new TextEncoder().encode('poison'),
    });
    const letter = decodeDeadLetter(record);
    expect({ ...letter, payload: new TextDecoder().decode(letter.payload) }).toEqual({
      tenant: 't1',
      namespace: 'default',
      stream: 'orders',
      group: 'billing',
      offset: 41,
      epoch: 7,
      deliveryCount: 5,
      reason: 'max_deliveries',
      payload: 'poison',
    });
  });

  it('refuses a payload that is not a dead_letter frame, typed', () => {
    expect(() => decodeDeadLetter(new TextEncoder().encode('plain record'))).toThrow(FelixError);
    const other = encodeFrame({ type: 'ok' });
    expect(() => decodeDeadLetter(other)).toThrow(/holds ok/);
  });
});
