// Checks that a refused request had no effect, whatever the broker answered: an administrator
// session per tenant reads every audited stream, where no record of a refused publish may ever
// appear, and reads back the key of each refused cache_put, which must not hold a value.
import { encodeFrame, type WireMessage } from '@felix/generated';
import { type BrokerProcess, FrameInbox, type TestClient, testClient } from '@felix/testkit';
import { withTimeout } from '../broker/waiting.js';
import { text } from '../broker/wire-values.js';
import type { Operation } from './operations.js';
import { auditedStreams, isRegistered } from './registry.js';

const ANSWER_MS = 10_000;
const END_MARK = 'fz-end-of-audit';

interface AdminSession {
  client: TestClient;
  cache: FrameInbox;
  sendCache(m: WireMessage): void;
  nextId: number;
  /** Cache checks one after another, so answers come in the order asked. */
  queue: Promise<void>;
}

export class Auditor {
  /** Tags of publishes the oracle expects refused. */
  private readonly refused = new Set<string>();
  private readonly readers: Promise<void>[] = [];
  private stopping = false;
  records = 0;
  cacheChecks = 0;

  private constructor(
    private readonly admins: Map<string, AdminSession>,
    private readonly fail: (signature: string, detail: string) => void,
  ) {}

  /** Starts an administrator session for each tenant in `tokens` and subscribes to its streams. */
  static async start(
    broker: BrokerProcess,
    tokens: Record<string, string>,
    fail: (signature: string, detail: string) => void,
  ): Promise<Auditor> {
    const admins = new Map<string, AdminSession>();
    for (const [tenant, token] of Object.entries(tokens)) {
      const client = await testClient('tls', broker, { tenant, token });
      if (client.authReply?.type !== 'auth_ok') throw new Error(`the ${tenant} auditor was refused`);
      const stream = await client.session.openCacheStream();
      admins.set(tenant, {
        client,
        cache: new FrameInbox(stream.readable),
        sendCache: (m) => stream.writable.write(encodeFrame(m)),
        nextId: 1,
        queue: Promise.resolve(),
      });
    }
    const auditor = new Auditor(admins, fail);
    for (const where of auditedStreams()) {
      const admin = admins.get(where.tenant);
      if (admin) auditor.readers.push((await auditor.watch(admin, where)).done);
    }
    return auditor;
  }

  /** Declares, before it is sent, a publish the oracle expects refused. */
  expectRefused(op: Operation): void {
    this.refused.add(op.tag);
  }

  /** After a cache_put was refused: its key must hold nothing. */
  checkRefusedPut(op: Operation): void {
    const { tenant, namespace, name } = op.resource;
    const admin = this.admins.get(tenant);
    if (!admin || !isRegistered('cache', tenant, namespace, name)) return;
    admin.queue = admin.queue.then(async () => {
      const id = admin.nextId++;
      admin.sendCache({ type: 'cache_get', tenant_id: tenant, namespace, cache: name, key: op.tag, request_id: id });
      try {
        const m = await admin.cache.expect('cache_value', ANSWER_MS);
        this.cacheChecks++;
        if (m.value !== null)
          this.fail('a refused cache_put stored its value', `${tenant}/${namespace}/${name} key ${op.tag}`);
      } catch (err) {
        this.fail('the auditor got no answer to cache_get', String(err));
      }
    });
  }

  /**
   * Publishes an end mark on each stream and waits until every reader has seen it, so every
   * record published before has been read; then closes the sessions.
   */
  async finish(): Promise<void> {
    for (const admin of this.admins.values()) await admin.queue;
    this.stopping = true;
    let id = 1_000_000;
    for (const { tenant, namespace, stream } of auditedStreams()) {
      const admin = this.admins.get(tenant);
      admin?.client.send({
        type: 'publish',
        tenant_id: tenant,
        namespace,
        stream,
        payload: text(END_MARK),
        request_id: id++,
      });
    }
    await Promise.all(this.readers);
    for (const admin of this.admins.values()) admin.client.close();
  }

  private async watch(
    admin: AdminSession,
    where: { tenant: string; namespace: string; stream: string },
  ): Promise<{ done: Promise<void> }> {
    const { client } = admin;
    client.send({ type: 'subscribe', tenant_id: where.tenant, namespace: where.namespace, stream: where.stream });
    const reply = await client.control.expect('subscribed', ANSWER_MS);
    const events = new FrameInbox(
      await withTimeout(client.session.eventStream(reply.subscription_id), ANSWER_MS, 'the event stream'),
    );
    await events.expect('event_stream_hello', ANSWER_MS);
    const name = `${where.tenant}/${where.namespace}/${where.stream}`;
    const done = (async () => {
      for (;;) {
        let m: WireMessage;
        try {
          m = await events.next(this.stopping ? ANSWER_MS : 1000);
        } catch (err) {
          if (!this.stopping && !events.ended) continue;
          const what = events.ended ? 'the auditor lost its event stream' : 'the auditor never saw its end mark';
          this.fail(what, `${name}: ${String(err)}`);
          return;
        }
        if (m.type !== 'binary_shared_event_batch') continue;
        for (const payload of m.payloads) {
          const tag = new TextDecoder().decode(payload);
          if (tag === END_MARK) return;
          this.records++;
          if (this.refused.has(tag)) this.fail('a refused publish was delivered', `${name}: ${tag}`);
        }
      }
    })();
    return { done };
  }
}
