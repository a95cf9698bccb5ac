// Answers to a session's publishes leave in the order the publishes came, however long a durable
// one waits for its log; and durable publishes waiting are bounded per session.
import { describe, expect, it } from 'vitest';
import { MemoryBudget } from '../src/core/memory-budget.js';
import { type Answer, PublishAcks } from '../src/protocol/session/publish-acks.js';

const answer = (type: string): Answer => ({ frame: new TextEncoder().encode(type), type });

function deferred() {
  let resolve!: (a: Answer) => void;
  const promise = new Promise<Answer>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('PublishAcks', () => {
  it('sends at once when nothing waits, and after every earlier answer otherwise', async () => {
    const sent: string[] = [];
    const acks = new PublishAcks((_, type) => sent.push(type));
    acks.now(answer('a'));
    expect(sent).toEqual(['a']);
    const first = deferred();
    const second = deferred();
    acks.later(first.promise, 10);
    acks.now(answer('b'));
    acks.later(second.promise, 10);
    acks.now(undefined);
    acks.now(answer('c'));
    second.resolve(answer('second'));
    await settle();
    expect(sent).toEqual(['a']);
    first.resolve(answer('first'));
    await settle();
    expect(sent).toEqual(['a', 'first', 'b', 'second', 'c']);
  });

  it('holds the reader past its bound until enough is decided, charging the receiving pool meanwhile', async () => {
    const memory = new MemoryBudget(64 * 1024 * 1024);
    const acks = new PublishAcks(() => {}, memory, 100);
    const a = deferred();
    const b = deferred();
    acks.later(a.promise, 60);
    expect(acks.mustWait).toBe(false);
    acks.later(b.promise, 60);
    expect(acks.mustWait).toBe(true);
    expect(memory.usedBy('receiving')).toBe(120);
    let roomy = false;
    void acks.room().then(() => {
      roomy = true;
    });
    a.resolve(undefined);
    await settle();
    expect(roomy).toBe(true);
    expect(acks.waitingBytes).toBe(60);
    b.resolve(undefined);
    await settle();
    expect(memory.usedBy('receiving')).toBe(0);
  });
});
