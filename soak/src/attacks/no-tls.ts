// Row 2: TCP connections to the TLS port that never start TLS. Each is closed by the broker's
// handshake deadline (handshakeTimeoutMs, counted from accept), not the runtime's 120 s.
import { connect, type Socket } from 'node:net';
import { type Attack, at, check } from '../attack.js';
import { holdUntil } from './common.js';

const HANDSHAKE_MS = { short: 1000, long: 5000 };
/** Late a close may come after the deadline and still count as the deadline's. */
const SLACK_MS = 2000;

export const noTls: Attack = {
  name: 'no-tls',
  row: 'TCP connections that never start TLS',
  env: (scale) => ({ FELIX_HANDSHAKE_TIMEOUT_MS: String(at(scale, HANDSHAKE_MS.short, HANDSHAKE_MS.long)) }),
  async run({ endpoint, scale, refusals, until }) {
    const count = at(scale, 200, 900);
    const deadlineMs = at(scale, HANDSHAKE_MS.short, HANDSHAKE_MS.long);
    const closedAfter: number[] = [];
    const sockets: Socket[] = [];
    const allClosed = Promise.all(
      Array.from(
        { length: count },
        () =>
          new Promise<void>((resolve) => {
            const opened = performance.now();
            const socket = connect({ host: '127.0.0.1', port: endpoint.ports.tls });
            sockets.push(socket);
            socket.on('error', () => {});
            socket.once('close', () => {
              closedAfter.push(performance.now() - opened);
              resolve();
            });
          }),
      ),
    );
    const waitMs = deadlineMs + SLACK_MS;
    await Promise.race([allClosed, holdUntil(Date.now() + waitMs)]);
    const inTime = closedAfter.filter((ms) => ms <= waitMs).length;
    refusals.add('closed:handshake-deadline', inTime);
    if (count > inTime) refusals.silent('TCP connection kept open past the handshake deadline', count - inTime);
    for (const s of sockets) s.destroy();
    await holdUntil(until);
    const latest = closedAfter.length ? Math.max(...closedAfter) : Number.NaN;
    return {
      figures: { connections: count, 'closed in time': inTime, 'latest close ms': latest.toFixed(0) },
      checks: [
        check(
          `every connection was closed within the handshake deadline (${deadlineMs} ms) and ${SLACK_MS} ms`,
          inTime === count,
          `${inTime} of ${count}, the last after ${latest.toFixed(0)} ms`,
        ),
      ],
    };
  },
};
