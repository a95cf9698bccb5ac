// Keeps a connection with many streams from costing, per packet, what all of its streams cost.
// The library does two things per stream that made 15 sessions × 1,024 subscriptions hold the
// broker for seconds at a time (/live answered after up to 66 s):
//   - every stream write sends at once, so a batch fanned out to 1,024 event streams left as
//     1,024 small packets (and came back as as many acknowledgements);
//   - every packet received visits every stream quiche calls writable — every open stream with
//     credit — to wake a writer blocked on capacity or to notice STOP_SENDING. When the
//     connection's capacity is short (a peer slow to acknowledge), a few hundred bytes come
//     free per packet and every blocked writer is woken to try for them: one succeeds, the rest
//     fail, each with the library's events, and block again.
// So here sends are gathered into one per connection and turn of the event loop (a stream that
// finishes still sends at once); a packet wakes only writers that are blocked, in turn, as many
// as the capacity can serve; and every stream is still looked at every SWEEP_MS for STOP_SENDING
// (an idle stream learns its peer left) and for streams the peer opened that only show as
// writable. Connections with few streams keep the library's behaviour exactly.
import { events, type QUICConnection, type QUICStream } from '@matrixai/quic';

/** Connections with at most this many streams are visited in full on every packet, as the library does. */
const FULL_VISIT_STREAMS = 64;
/** Longest an idle stream waits to learn that its peer stopped reading. */
export const SWEEP_MS = 200;
/** Capacity each woken writer is expected to take: a packet's worth of a stream's data or less. */
const WAKE_SHARE = 2048;
/** Waiting writers one packet looks at, at most. */
const CHECKS_PER_PACKET = 64;

/** The library's members this relies on, which its typings keep private. */
interface NativeStreams {
  writable(): Iterable<number>;
  streamCapacity(streamId: number): number;
}
interface SchedulingInternals {
  conn: NativeStreams;
  streamMap: Map<number, QUICStream>;
  handleEventQUICStreamSend: (evt: Event) => unknown;
  processStreams: () => void;
  send(): Promise<void>;
}
/** A stream that tried to write, and the resolver its writer held then. */
interface Tried {
  stream: QUICStream;
  resolver: unknown;
}
/** A stream's writer: blocked, it waits on a promise whose resolver (and rejecter) it keeps here. */
interface WriterInternals {
  resolveWritableP?: () => void;
  rejectWritableP?: (reason: unknown) => void;
  writableController?: { error(reason: unknown): void };
}

/**
 * Fails the writer of a stream quiche no longer has (its peer stopped it and it was collected
 * before a visit saw the stop): as the library fails a stopped one, or it would wait forever.
 */
function abandon(stream: QUICStream, reason: unknown): void {
  const writer = stream as unknown as WriterInternals;
  writer.writableController?.error(reason);
  writer.rejectWritableP?.(reason);
}

const installed = new WeakSet<object>();

/** quiche's error for a stream the peer sent STOP_SENDING on, as the library recognises it. */
const isStopped = (error: unknown) => error instanceof Error && /StreamStopped\(\d+\)/.test(error.message);

/** Whether the library is the shape this was written against (otherwise it is left alone). */
function fits(internals: Partial<SchedulingInternals>): internals is SchedulingInternals {
  return (
    typeof internals.conn?.writable === 'function' &&
    typeof internals.conn.streamCapacity === 'function' &&
    internals.streamMap instanceof Map &&
    typeof internals.handleEventQUICStreamSend === 'function' &&
    typeof internals.processStreams === 'function' &&
    typeof internals.send === 'function'
  );
}

export function installStreamScheduling(conn: QUICConnection): void {
  const maybe = conn as unknown as Partial<SchedulingInternals>;
  if (installed.has(conn) || !fits(maybe)) return;
  installed.add(conn);
  const internals: SchedulingInternals = maybe;
  const native = internals.conn;
  const streams = internals.streamMap;
  const allWritable = native.writable.bind(native);
  const originalProcess = internals.processStreams.bind(conn);
  /**
   * Streams that tried to write since they were last woken, in the order they did, with the
   * resolver their writer held at the first of those tries: a writer that blocks after it holds
   * a new one. A blocked writer keeps its entry until it is woken (or its stream is gone).
   */
  const tried = new Map<number, Tried>();
  let lastSweep = 0;
  let sweepTimer: NodeJS.Timeout | undefined;
  let visiting = false;
  let sendScheduled = false;

  const sendSoon = (evt: Event) => {
    const stream = evt.target as QUICStream | null;
    // Reads send too (flow-control credit); a stream only the peer writes has no writer to wake.
    if (stream && (stream.type === 'bidi' || stream.initiated === 'local')) {
      // A stream that has just finished (FIN) or been reset sends at once, as the library does:
      // its FIN must not wait behind an acknowledgement that completes its data (quiche drops
      // a FIN queued then, see QuicSink.end), and a session's last words leave before its close.
      if (stream.writeClosed) {
        void sendNow();
        return;
      }
      // A read sends too (flow-control credit) and may come while the stream's writer is blocked:
      // the entry keeps the resolver of the try before, or the blocked writer would look as if it
      // had not blocked and never be woken (a control stream's answers stalled that way).
      const earlier = tried.get(stream.streamId);
      tried.delete(stream.streamId);
      tried.set(
        stream.streamId,
        earlier ?? { stream, resolver: (stream as unknown as WriterInternals).resolveWritableP },
      );
      // A writer that blocks now is looked at within SWEEP_MS even if no packet comes.
      if (streams.size > FULL_VISIT_STREAMS) armSweep();
    }
    if (sendScheduled) return;
    sendScheduled = true;
    // After every write of this turn: fanout writes each subscriber's stream in one turn.
    setImmediate(() => {
      sendScheduled = false;
      void sendNow();
    });
  };
  const sendNow = () => {
    if (conn.closed) return;
    // A failed send reports itself as the connection's error event.
    return internals.send().catch(() => {});
  };
  // Streams register the handler when they are made; those made before now move over.
  const previous = internals.handleEventQUICStreamSend;
  for (const stream of streams.values()) {
    stream.removeEventListener(events.EventQUICStreamSend.name, previous);
    stream.addEventListener(events.EventQUICStreamSend.name, sendSoon);
  }
  internals.handleEventQUICStreamSend = sendSoon;

  /** Whether the writer has blocked since the try its entry records (it holds a new resolver). */
  const blockedSince = (entry: Tried): boolean =>
    (entry.stream as unknown as WriterInternals).resolveWritableP !== entry.resolver;

  /** The streams a sweep looks at: unknown ones (the library adopts them) and stopped ones. */
  function* sweep(): Iterable<number> {
    for (const id of allWritable()) {
      if (!streams.has(id)) yield id;
      else {
        try {
          native.streamCapacity(id);
        } catch (error) {
          if (isStopped(error)) yield id;
        }
      }
    }
  }

  /**
   * The blocked writers one packet wakes, in turn, as many as the capacity can serve. A
   * stream's room is the smaller of its own credit and the connection's, so the largest room
   * seen is the best guess at what the connection can take. Writers looked at and left waiting
   * go to the back, and a packet looks at no more than CHECKS_PER_PACKET of them, so each
   * packet costs the same however many writers wait.
   */
  const wake = (): Set<number> => {
    const woken = new Set<number>();
    const passed: [number, Tried][] = [];
    let capacity = 0;
    let promised = 0;
    let checked = 0;
    for (const [id, entry] of tried) {
      if ((promised > 0 && promised >= capacity) || checked >= CHECKS_PER_PACKET) break;
      tried.delete(id);
      // The writer holds the resolver it held when it tried: it did not block (or has since
      // been woken and not tried again), so there is nobody to wake.
      if (!blockedSince(entry)) continue;
      checked++;
      let room: number;
      try {
        room = native.streamCapacity(id);
      } catch (error) {
        // Stopped: woken, the writer learns it. Otherwise gone from under the writer waiting.
        if (isStopped(error)) woken.add(id);
        else abandon(entry.stream, error);
        continue;
      }
      capacity = Math.max(capacity, room);
      if (room > 0 && promised < capacity) {
        woken.add(id);
        promised += Math.min(room, WAKE_SHARE);
      } else passed.push([id, entry]);
    }
    for (const [id, entry] of passed) tried.set(id, entry);
    return woken;
  };

  const toVisit = (): Iterable<number> => {
    const now = performance.now();
    if (streams.size <= FULL_VISIT_STREAMS) {
      // The library wakes every writer with room itself. Entries of writers still blocked stay,
      // for when the connection grows past FULL_VISIT_STREAMS before they are woken.
      for (const [id, entry] of tried) if (!blockedSince(entry) || !streams.has(id)) tried.delete(id);
      return allWritable();
    }
    const woken = wake();
    if (now - lastSweep >= SWEEP_MS) {
      lastSweep = now;
      for (const id of sweep()) woken.add(id);
    }
    if (tried.size > 0) armSweep();
    return woken;
  };

  /** A visit (and the sweep it brings) for when no packet comes to prompt one. */
  function armSweep(): void {
    if (sweepTimer || conn.closed) return;
    sweepTimer = setTimeout(
      () => {
        sweepTimer = undefined;
        if (conn.closed) return;
        internals.processStreams();
        void sendNow();
      },
      Math.max(0, SWEEP_MS - (performance.now() - lastSweep)),
    );
    sweepTimer.unref();
  }

  native.writable = () => (visiting ? toVisit() : allWritable());
  internals.processStreams = () => {
    visiting = true;
    try {
      originalProcess();
    } finally {
      visiting = false;
    }
  };
}
