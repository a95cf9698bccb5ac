// What listeners do with a ConnectionGuard: admit each connection once and release it once,
// cut or mark refused ones, and hold peers to the handshake and first-frame deadlines.
import { connect as netConnect } from 'node:net';
import { CLOSE_CODES, encodeFrame, FrameReader } from '@felix/generated';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type Admission,
  type ConnectionGuard,
  certificateFingerprint,
  clientSessionOver,
  connectQuic,
  connectTls,
  createSelfSigned,
  type DeadlineStage,
  hostOf,
  listenQuic,
  listenTls,
  type ServerSession,
  type SessionListener,
  sessionListenerOver,
} from '../src/index.js';

let cert = '';
let key = '';
let fingerprint = '';
beforeAll(async () => {
  ({ cert, key } = await createSelfSigned());
  fingerprint = certificateFingerprint(cert);
});

const listeners: SessionListener[] = [];
afterEach(async () => {
  for (const l of listeners.splice(0)) await l.close();
});

/** A guard that answers every admission with `admission` and records what the listener did. */
function recordingGuard(admission: Omit<Admission, 'release'> = {}) {
  const log = { admitted: [] as string[], released: 0, timedOut: [] as DeadlineStage[] };
  let onRelease = () => {};
  const guard: ConnectionGuard = {
    handshakeTimeoutMs: 200,
    firstFrameTimeoutMs: 200,
    admit: (carrier, host) => {
      log.admitted.push(`${carrier} ${host}`);
      return {
        ...admission,
        release: () => {
          log.released++;
          onRelease();
        },
      };
    },
    timedOut: (_carrier, stage) => log.timedOut.push(stage),
  };
  const released = (n: number) =>
    new Promise<void>((resolve) => {
      onRelease = () => log.released >= n && resolve();
      onRelease();
    });
  return { guard, log, released };
}

function sessionsOf(listener: SessionListener): () => Promise<ServerSession> {
  const iterator = listener.sessions[Symbol.asyncIterator]();
  return async () => (await iterator.next()).value as ServerSession;
}

async function firstFrame(source: AsyncIterable<Uint8Array>) {
  const reader = new FrameReader();
  for await (const chunk of source) {
    reader.push(chunk);
    const frame = reader.next();
    if (frame) return JSON.parse(new TextDecoder().decode(frame.payload)) as { type: string; message: string };
  }
  throw new Error('stream ended without a frame');
}

describe('TLS listener with a guard', () => {
  it('drops a TCP connection that never starts TLS at the handshake deadline, releasing it once', async () => {
    const { guard, log, released } = recordingGuard();
    const listener = await listenTls({ host: '127.0.0.1', port: 0, cert, key, guard });
    listeners.push(listener);
    const socket = netConnect(listener.port, '127.0.0.1');
    socket.on('error', () => {});
    await new Promise((resolve) => socket.once('close', resolve));
    await released(1);
    expect(log).toEqual({ admitted: ['tls 127.0.0.1'], released: 1, timedOut: ['handshake'] });
  });

  it('answers a connection that sends no first frame with "no auth within" and closes it', async () => {
    const { guard, log, released } = recordingGuard();
    const listener = await listenTls({ host: '127.0.0.1', port: 0, cert, key, guard });
    listeners.push(listener);
    const client = await connectTls({ host: '127.0.0.1', port: listener.port, certSha256: fingerprint });
    expect(await firstFrame(client.control.readable)).toEqual({ type: 'error', message: 'no auth within 200 ms' });
    await client.closed;
    await released(1);
    expect(log.timedOut).toEqual(['first_frame']);
  });

  it('cuts a connection the guard says to cut, with no answer and no hang', async () => {
    const { guard, log, released } = recordingGuard({ refusal: 'full', cut: true });
    const listener = await listenTls({ host: '127.0.0.1', port: 0, cert, key, guard });
    listeners.push(listener);
    await expect(connectTls({ host: '127.0.0.1', port: listener.port, certSha256: fingerprint })).rejects.toThrow();
    await released(1);
    expect(log.admitted).toHaveLength(1);
  });

  it('hands a refused control connection over marked, and answers a refused attach itself', async () => {
    const { guard, log, released } = recordingGuard({ refusal: 'too many' });
    const listener = await listenTls({ host: '127.0.0.1', port: 0, cert, key, guard });
    listeners.push(listener);
    const nextSession = sessionsOf(listener);
    const client = await connectTls({ host: '127.0.0.1', port: listener.port, certSha256: fingerprint });
    client.control.writable.write(encodeFrame({ type: 'auth', tenant_id: 't1', token: 'x' }));
    const session = await nextSession();
    expect(session.refusal).toBe('too many');
    // A refused session has no attach token that works: its attaches are refused all the same.
    client.setAttachToken(session.attachToken!);
    const cache = await client.openCacheStream();
    expect(await firstFrame(cache.readable)).toEqual({ type: 'error', message: 'limit_exceeded: too many' });
    session.close({ code: 0, reason: 'refused' });
    await client.closed;
    await released(2);
    expect(log.admitted).toEqual(['tls 127.0.0.1', 'tls 127.0.0.1']);
  });
});

describe('multiplexed sessions with a guard (QUIC)', () => {
  async function listen(guard: ConnectionGuard) {
    const listener = sessionListenerOver(await listenQuic({ host: '127.0.0.1', port: 0, cert, key }), guard);
    listeners.push(listener);
    return listener;
  }
  const dial = (port: number) => connectQuic({ host: '127.0.0.1', port, certSha256: fingerprint });

  it('closes a connection that opens no control stream with unauthenticated, releasing it once', async () => {
    const { guard, log, released } = recordingGuard();
    const listener = await listen(guard);
    const conn = await dial(listener.port);
    expect(await conn.closed).toEqual({ code: CLOSE_CODES.unauthenticated, reason: 'no auth within 200 ms' });
    await released(1);
    expect(log).toEqual({ admitted: ['quic 127.0.0.1'], released: 1, timedOut: ['first_frame'] });
  });

  it('closes a cut connection with limit_exceeded and the reason', async () => {
    const { guard, released } = recordingGuard({ refusal: 'full', cut: true });
    const listener = await listen(guard);
    const conn = await dial(listener.port);
    expect(await conn.closed).toEqual({ code: CLOSE_CODES.limitExceeded, reason: 'full' });
    await released(1);
  });

  it('hands a refused connection over marked once its control stream opens', async () => {
    const { guard, released } = recordingGuard({ refusal: 'too many' });
    const listener = await listen(guard);
    const nextSession = sessionsOf(listener);
    const client = await clientSessionOver(await dial(listener.port));
    client.control.writable.write(encodeFrame({ type: 'auth', tenant_id: 't1', token: 'x' }));
    const session = await nextSession();
    expect(session.refusal).toBe('too many');
    session.close({ code: CLOSE_CODES.limitExceeded, reason: 'too many' });
    expect((await client.closed).code).toBe(CLOSE_CODES.limitExceeded);
    await released(1);
  });
});

describe('hostOf', () => {
  it.each([
    ['127.0.0.1:5400', '127.0.0.1'],
    ['[::1]:5400', '::1'],
    ['::1:5400', '::1'],
    ['[::ffff:127.0.0.2]:5400', '127.0.0.2'],
    ['', ''],
  ])('%s is host %s', (address, host) => {
    expect(hostOf(address)).toBe(host);
  });
});
