// A minimal protocol client for broker tests, built only on the generated codec and the
// transport seam, so the broker is tested against the spec rather than against the SDK.
import {
  encodeFrame,
  FEATURES,
  KNOWN_FLAGS_MASK,
  type MessageOf,
  type MessageType,
  readFrames,
  type WireMessage,
} from '@felix/generated';
import {
  type ByteSource,
  type ClientSession,
  clientSessionOver,
  connectQuic,
  connectTls,
  connectWebTransport,
} from '@felix/transport';
import { connectDenoQuic, isDeno } from '@felix/transport/deno-quic';

export type CarrierName = 'tls' | 'webtransport' | 'quic';

/** Where a broker listens and the token its clients send: a BrokerProcess fits. */
export interface BrokerEndpoint {
  /** Bound port per carrier. */
  ports: Readonly<Record<string, number>>;
  fingerprint: string;
  /** Sent in auth unless the auth options name another; '' when undefined. */
  token?: string;
  /** Presented in the handshake, for a broker with FELIX_TLS_CLIENT_CA. */
  clientCertificate?: { cert: string; key: string };
  /**
   * The broker's certificate (PEM): QUIC from Deno verifies against it, since Deno.connectQuic
   * cannot pin a fingerprint.
   */
  ca?: string;
}

export async function connectSession(
  carrier: CarrierName,
  broker: Pick<BrokerEndpoint, 'ports' | 'fingerprint' | 'clientCertificate' | 'ca'>,
): Promise<ClientSession> {
  const port = broker.ports[carrier];
  if (port === undefined) throw new Error(`the broker does not listen on ${carrier}`);
  const mtls = broker.clientCertificate;
  const options = {
    host: '127.0.0.1',
    port,
    certSha256: broker.fingerprint,
    ...(mtls && { clientCert: mtls.cert, clientKey: mtls.key }),
  };
  if (carrier === 'tls') return connectTls(options);
  if (carrier === 'webtransport') return clientSessionOver(await connectWebTransport(options));
  // On Deno, QUIC is quinn's, as the Deno host serves it (no ALPN, verified against the CA).
  if (isDeno()) return clientSessionOver(await connectDenoQuic({ ...options, certSha256: undefined, ca: broker.ca }));
  return clientSessionOver(await connectQuic(options));
}

export class FrameInbox {
  private readonly queue: WireMessage[] = [];
  private waiter: (() => void) | undefined;
  ended = false;
  error: unknown;

  constructor(source: ByteSource) {
    void (async () => {
      try {
        for await (const batch of readFrames(source)) {
          for (const f of batch) {
            if (f.error) throw f.error;
            this.queue.push(f.message);
          }
          this.waiter?.();
        }
      } catch (err) {
        this.error = err;
      }
      this.ended = true;
      this.waiter?.();
    })();
  }

  /** The next message, waiting up to `timeoutMs`. */
  async next(timeoutMs = 5000): Promise<WireMessage> {
    const deadline = Date.now() + timeoutMs;
    while (this.queue.length === 0) {
      if (this.ended) throw new Error(`stream ended${this.error ? `: ${String(this.error)}` : ''}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no frame within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(t);
          resolve();
        };
      });
    }
    return this.queue.shift()!;
  }

  async expect<T extends MessageType>(type: T, timeoutMs?: number): Promise<MessageOf<T>> {
    const m = await this.next(timeoutMs);
    if (m.type !== type)
      throw new Error(`expected ${type}, got ${JSON.stringify(m, (_, v) => (typeof v === 'bigint' ? `${v}n` : v))}`);
    return m as MessageOf<T>;
  }

  /** Resolves once the stream has ended (the peer closed it). */
  async closed(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.ended) {
      if (Date.now() > deadline) throw new Error('stream still open');
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

export interface TestClient {
  session: ClientSession;
  control: FrameInbox;
  send(m: WireMessage): void;
  sendRaw(bytes: Uint8Array): void;
  close(): void;
}

/** Every flag and feature the spec defines, for a client that wants all of them. */
export const ALL_FLAGS = KNOWN_FLAGS_MASK;
export const ALL_FEATURES = Object.values(FEATURES).reduce((all, bit) => all | bit, 0);

export interface AuthOptions {
  /** Default t1. */
  tenant?: string;
  /** Default the broker's token. */
  token?: string;
  clientFlags?: number;
  clientFeatures?: number;
}

/** A session on `carrier` that has sent auth (unless `auth` is false) and read its reply. */
export async function testClient(
  carrier: CarrierName,
  broker: BrokerEndpoint,
  auth: AuthOptions | false = {},
): Promise<TestClient & { authReply?: WireMessage }> {
  const session = await connectSession(carrier, broker);
  const control = new FrameInbox(session.control.readable);
  const client: TestClient & { authReply?: WireMessage } = {
    session,
    control,
    send: (m) => session.control.writable.write(encodeFrame(m)),
    sendRaw: (b) => session.control.writable.write(b),
    close: () => session.close({ code: 0, reason: 'test done' }),
  };
  if (auth !== false) {
    client.send({
      type: 'auth',
      tenant_id: auth.tenant ?? 't1',
      token: auth.token ?? broker.token ?? '',
      client_flags: 'clientFlags' in auth ? auth.clientFlags : ALL_FLAGS,
      client_features: 'clientFeatures' in auth ? auth.clientFeatures : ALL_FEATURES,
    });
    client.authReply = await control.next();
    if (client.authReply.type === 'auth_ok' && client.authReply.session_token)
      session.setAttachToken(client.authReply.session_token);
  }
  return client;
}

/** Subscribes and returns the event inbox, positioned after event_stream_hello. */
export async function subscribe(
  client: TestClient,
  stream: string,
  start?: 'latest' | 'earliest' | { offset: number },
  tenant = 't1',
) {
  client.send({ type: 'subscribe', tenant_id: tenant, namespace: 'default', stream, start });
  const reply = await client.control.next();
  if (reply.type !== 'subscribed') return { reply, events: undefined };
  const events = new FrameInbox(await client.session.eventStream(reply.subscription_id));
  const hello = await events.expect('event_stream_hello');
  if (hello.subscription_id !== reply.subscription_id) throw new Error('hello names another subscription');
  return { reply, events };
}

/** Collects delivered records as text with their offsets until `count` have arrived. */
export async function collect(events: FrameInbox, count: number, timeoutMs = 10_000) {
  const out: { offset?: number; text: string }[] = [];
  while (out.length < count) {
    const m = await events.next(timeoutMs);
    if (m.type !== 'binary_shared_event_batch') throw new Error(`unexpected ${m.type}`);
    let i = 0;
    for (const p of m.payloads) {
      out.push({
        offset: m.base_offset === undefined ? undefined : Number(m.base_offset) + i,
        text: new TextDecoder().decode(p),
      });
      i++;
    }
  }
  return out;
}
