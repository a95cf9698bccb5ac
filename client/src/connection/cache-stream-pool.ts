// The cache streams of one connection: up to cachePoolSize of them, opened as requests need
// them, each answering its own requests in order.
import { readFrames, type WireError, type WireMessage } from '@felix/generated';
import type { BidiStream, ByteSink, ByteSource } from '@felix/transport';
import { connectionLost, type FelixError, fromErrorMessage, unexpectedMessage, unreadableFrame } from '../errors.js';

export interface CachePending {
  answer(m: WireMessage): void;
  fail(error: FelixError): void;
}

export interface CachePoolOptions {
  maxFrameBytes: number;
  cachePoolSize: number;
}

/** One cache stream and the requests in flight on it. */
class CacheLane {
  readonly pending = new Map<number, CachePending>();
  sink: ByteSink | undefined;
  dead = false;
  /** Requests assigned, including those waiting for the stream to open. */
  load = 0;
  readonly ready: Promise<void>;

  constructor(
    private readonly pool: CacheStreamPool,
    open: Promise<BidiStream>,
  ) {
    this.ready = open.then((stream) => {
      this.sink = stream.writable;
      void this.read(stream.readable);
    });
    this.ready.catch(() => {
      this.dead = true;
    });
  }

  private async read(source: ByteSource): Promise<void> {
    let cause: unknown;
    try {
      for await (const batch of readFrames(source, { maxPayload: this.pool.options.maxFrameBytes })) {
        for (const f of batch) {
          // A bad payload's bounds were sound, so later answers can still be matched.
          if (f.error) this.unreadable(f.error);
          else this.route(f.message);
        }
      }
    } catch (err) {
      cause = err;
    }
    this.fail(cause);
  }

  /**
   * An answer that could not be decoded. A binary answer whose request_id came before the fault
   * fails that request, with the field and offset at fault; any other goes to the connection.
   */
  private unreadable(error: WireError): void {
    const id = error.requestId === undefined ? undefined : Number(error.requestId);
    const p = id === undefined ? undefined : this.pending.get(id);
    if (!p || id === undefined) {
      this.pool.reportError(unreadableFrame('cache stream', error));
      return;
    }
    this.pending.delete(id);
    this.load--;
    p.fail(unreadableFrame('cache answer', error));
  }

  private route(m: WireMessage): void {
    let id: number | undefined;
    // Our ids are small numbers: one only a bigint holds matches none, like any unknown id.
    if (
      m.type === 'cache_value' ||
      m.type === 'cache_ok' ||
      m.type === 'binary_cache_value' ||
      m.type === 'binary_cache_ok' ||
      m.type === 'error'
    )
      id = m.request_id === undefined ? undefined : Number(m.request_id);
    else if (m.type !== 'ok') {
      this.pool.reportError(unexpectedMessage('cache stream', m.type));
      return;
    }
    // The broker answers a stream's requests in order, so an answer without an id (an upstream
    // `ok`, or an error raised before the id was read) belongs to the oldest one.
    if (id === undefined || !this.pending.has(id)) id = this.pending.keys().next().value;
    const p = id === undefined ? undefined : this.pending.get(id);
    if (!p || id === undefined) {
      if (m.type === 'error') this.pool.reportError(fromErrorMessage(m, 'cache stream'));
      return;
    }
    this.pending.delete(id);
    this.load--;
    p.answer(m);
  }

  send(id: number, frame: Uint8Array[], p: CachePending): void {
    this.pending.set(id, p);
    try {
      for (const part of frame) this.sink!.write(part);
    } catch (err) {
      this.fail(err);
    }
  }

  fail(cause?: unknown): void {
    if (this.dead && this.pending.size === 0) return;
    this.dead = true;
    const pending = [...this.pending.values()];
    this.pending.clear();
    this.load = 0;
    for (const p of pending) p.fail(connectionLost('cache request', true, cause));
    this.pool.drop(this);
  }
}

export class CacheStreamPool {
  private readonly lanes: CacheLane[] = [];

  constructor(
    readonly options: CachePoolOptions,
    private readonly openStream: () => Promise<BidiStream>,
    /** A broker error or frame on a cache stream that no request owns. */
    readonly reportError: (error: FelixError) => void,
  ) {}

  /**
   * Writes a request on the least busy stream, opening another while all are busy; resolves
   * once it is written, after which `p` hears the answer or the stream's loss.
   */
  async send(id: number, frame: Uint8Array[], p: CachePending): Promise<void> {
    let lane: CacheLane | undefined;
    for (const l of this.lanes) if (!lane || l.load < lane.load) lane = l;
    if (!lane || (lane.load > 0 && this.lanes.length < this.options.cachePoolSize)) {
      lane = new CacheLane(this, this.openStream());
      this.lanes.push(lane);
    }
    lane.load++;
    try {
      await lane.ready;
    } catch (err) {
      lane.load--;
      this.drop(lane);
      throw connectionLost('cache request', false, err);
    }
    if (lane.dead) throw connectionLost('cache request', false);
    lane.send(id, frame, p);
  }

  /** A lane that died leaves the pool; the next request opens a new one. */
  drop(lane: CacheLane): void {
    const i = this.lanes.indexOf(lane);
    if (i >= 0) this.lanes.splice(i, 1);
  }

  /** The connection is gone: every stream fails what it holds. */
  failAll(cause: unknown): void {
    for (const lane of [...this.lanes]) lane.fail(cause);
  }
}
