// Clients of the TCP floor relay (tcp-floor-server.ts). Messages are a u32 length and the bytes;
// the relay never looks at them, so the floor pays for sockets and copies only.
import { connect as netConnect, type Socket } from 'node:net';
import { withTimeout } from '../time.js';
import type { CacheConnection, PubSubConnection, TargetSpec } from './types.js';

type TcpSpec = Extract<TargetSpec, { kind: 'tcp' }>;

function open(spec: TcpSpec, role: 'P' | 'S' | 'E'): Promise<Socket> {
  return withTimeout(
    new Promise<Socket>((resolve, reject) => {
      const socket = netConnect({ host: '127.0.0.1', port: spec.port, noDelay: true }, () => {
        socket.off('error', reject);
        socket.on('error', () => {}); // a reset shows up as missing messages
        socket.write(role);
        resolve(socket);
      });
      socket.once('error', reject);
    }),
    10_000,
    'tcp floor connect',
  );
}

/** Splits a byte stream into u32-length-prefixed messages. */
function messageSplitter(onMessage: (m: Uint8Array) => void): (chunk: Buffer) => void {
  let pending: Buffer = Buffer.alloc(0);
  return (chunk) => {
    let buf = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    while (buf.length >= 4) {
      const size = buf.readUInt32BE(0);
      if (buf.length < 4 + size) break;
      onMessage(buf.subarray(4, 4 + size));
      buf = buf.subarray(4 + size);
    }
    pending = buf;
  };
}

/** Writes what is queued in one turn as one chunk, as the other clients do. */
function turnWriter(socket: Socket): (payload: Uint8Array) => void {
  let queued: Buffer[] = [];
  const flush = () => {
    socket.write(queued.length === 1 ? queued[0] : Buffer.concat(queued));
    queued = [];
  };
  return (payload) => {
    if (queued.length === 0) queueMicrotask(flush);
    const header = Buffer.allocUnsafe(4);
    header.writeUInt32BE(payload.length, 0);
    queued.push(header, Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength));
  };
}

const end = (s: Socket | undefined) => s?.destroySoon();

export async function tcpPubSub(spec: TcpSpec): Promise<PubSubConnection> {
  const publisher = await open(spec, 'P');
  const send = turnWriter(publisher);
  let subscriber: Socket | undefined;
  return {
    publish: (_topic, payload) => send(payload),
    async subscribe(_topic, onMessage) {
      subscriber = await open(spec, 'S');
      const s = subscriber;
      await withTimeout(new Promise((resolve) => s.once('data', resolve)), 10_000, 'tcp floor subscribe');
      s.on('data', messageSplitter(onMessage));
    },
    async close() {
      end(publisher);
      end(subscriber);
    },
  };
}

export async function tcpCache(spec: TcpSpec): Promise<CacheConnection> {
  const socket = await open(spec, 'E');
  const send = turnWriter(socket);
  const waiting: ((m: Uint8Array) => void)[] = [];
  let head = 0;
  socket.on(
    'data',
    messageSplitter((m) => {
      const resolve = waiting[head++];
      if (head > 1024) {
        waiting.splice(0, head);
        head = 0;
      }
      resolve?.(m);
    }),
  );
  const roundTrip = (payload: Uint8Array) =>
    new Promise<Uint8Array>((resolve) => {
      waiting.push(resolve);
      send(payload);
    });
  // A get is a 64 B echo (the size of the values), a set sends the value and gets it back.
  const getRequest = new Uint8Array(64);
  return {
    get: async () => roundTrip(getRequest),
    async set(_key, value) {
      await roundTrip(value);
    },
    async close() {
      end(socket);
    },
  };
}
