// The ack coalescer on its own: offsets merged into ranges, one frame per kind (and per nack
// delay) each turn, and every caller settled by the frame that carried its offset.
import { describe, expect, it } from 'vitest';
import { AckCoalescer, offsetRanges, type SettleFrame, splitRanges } from '../src/ack-coalescer.js';
import { deferred } from '../src/util.js';

describe('offsetRanges', () => {
  it('merges consecutive offsets into inclusive pairs, sorted and without duplicates', () => {
    expect(offsetRanges([])).toEqual([]);
    expect(offsetRanges([7])).toEqual([7, 7]);
    expect(offsetRanges([5, 3, 4, 9, 4, 11, 10, 0])).toEqual([0, 0, 3, 5, 9, 11]);
    expect(offsetRanges([2 ** 53 - 2, 2 ** 53 - 1])).toEqual([2 ** 53 - 2, 2 ** 53 - 1]);
  });

  it('keeps a gap of one offset as two ranges', () => {
    expect(offsetRanges([1, 3])).toEqual([1, 1, 3, 3]);
  });
});

describe('splitRanges', () => {
  it('cuts a list into pieces of whole pairs no longer than the limit', () => {
    const ranges = offsetRanges([0, 2, 4, 6, 8]); // five pairs
    expect(splitRanges(ranges, 4)).toEqual([
      [0, 0, 2, 2],
      [4, 4, 6, 6],
      [8, 8],
    ]);
    // An odd limit still keeps pairs whole.
    expect(splitRanges(ranges, 5).every((piece) => piece.length % 2 === 0)).toBe(true);
    expect(splitRanges([], 4)).toEqual([]);
  });
});

/** A coalescer whose turns end when the test says, and whose frames wait for the test to confirm. */
function harness() {
  const frames: SettleFrame[] = [];
  const confirmations: ReturnType<typeof deferred<void>>[] = [];
  let flush: (() => void) | undefined;
  const coalescer = new AckCoalescer(
    (frame) => {
      frames.push(frame);
      const done = deferred<void>();
      confirmations.push(done);
      return done.promise;
    },
    (f) => {
      flush = f;
    },
  );
  const endTurn = () => {
    const f = flush;
    flush = undefined;
    f?.();
  };
  return { coalescer, frames, confirmations, endTurn };
}

/** Whether `p` has settled, looked at after pending callbacks ran. */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  p.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((r) => setTimeout(r, 0));
  return done;
}

describe('AckCoalescer', () => {
  it('sends the acks of one turn as one frame with merged ranges', async () => {
    const h = harness();
    const acks = [4, 2, 3, 10].map((o) => h.coalescer.add(o, { kind: 'ack' }));
    expect(h.frames).toEqual([]);
    h.endTurn();
    expect(h.frames).toEqual([{ kind: 'ack', ranges: [2, 4, 10, 10] }]);
    expect(await settled(acks[0]!)).toBe(false);
    h.confirmations[0]!.resolve();
    await Promise.all(acks);
  });

  it('sends nacks apart from acks, one frame per delay, and a delay of 0 as none', () => {
    const h = harness();
    void h.coalescer.add(1, { kind: 'ack' });
    void h.coalescer.add(2, { kind: 'nack', delayMs: 0 });
    void h.coalescer.add(3, { kind: 'nack', delayMs: 500 });
    void h.coalescer.add(4, { kind: 'nack', delayMs: 0 });
    void h.coalescer.add(5, { kind: 'nack', delayMs: 500 });
    h.endTurn();
    expect(h.frames).toEqual([
      { kind: 'ack', ranges: [1, 1] },
      { kind: 'nack', ranges: [2, 2, 4, 4] },
      { kind: 'nack', ranges: [3, 3, 5, 5], delayMs: 500 },
    ]);
  });

  it('starts a new frame in the next turn, and settles each caller by its own frame', async () => {
    const h = harness();
    const first = h.coalescer.add(1, { kind: 'ack' });
    h.endTurn();
    const second = h.coalescer.add(2, { kind: 'ack' });
    h.endTurn();
    expect(h.frames.map((f) => f.ranges)).toEqual([
      [1, 1],
      [2, 2],
    ]);
    h.confirmations[1]!.resolve();
    await second;
    expect(await settled(first)).toBe(false);
    h.confirmations[0]!.reject(new Error('refused'));
    await expect(first).rejects.toThrow('refused');
  });

  it('sends at once on flush(), leaving nothing for the end of the turn', () => {
    const h = harness();
    void h.coalescer.add(8, { kind: 'ack' });
    expect(h.coalescer.idle).toBe(false);
    h.coalescer.flush();
    expect(h.frames).toHaveLength(1);
    expect(h.coalescer.idle).toBe(true);
    h.endTurn();
    expect(h.frames).toHaveLength(1);
  });

  it('rejects what waits unsent, and anything added later, once failed', async () => {
    const h = harness();
    const unsent = h.coalescer.add(1, { kind: 'ack' });
    h.coalescer.fail(new Error('session ended'));
    await expect(unsent).rejects.toThrow('session ended');
    await expect(h.coalescer.add(2, { kind: 'ack' })).rejects.toThrow('session ended');
    h.endTurn();
    expect(h.frames).toEqual([]);
  });

  it('fails the callers of a frame whose send throws instead of leaving them waiting', async () => {
    const coalescer = new AckCoalescer(
      () => {
        throw new Error('cannot write');
      },
      (f) => f(),
    );
    await expect(coalescer.add(1, { kind: 'ack' })).rejects.toThrow('cannot write');
  });

  it('waits for every piece when the ranges need more than one frame', async () => {
    const h = harness();
    // Every other offset: 40,000 ranges, past the 32,768 pairs one frame may carry.
    const offsets = Array.from({ length: 40_000 }, (_, i) => i * 2);
    const all = Promise.all(offsets.map((o) => h.coalescer.add(o, { kind: 'ack' })));
    h.endTurn();
    expect(h.frames.map((f) => f.ranges.length)).toEqual([65_536, 80_000 - 65_536]);
    h.confirmations[0]!.resolve();
    expect(await settled(all)).toBe(false);
    h.confirmations[1]!.resolve();
    await all;
  });
});
