import { describe, expect, it } from 'vitest';
import { TurnQueue } from '../src/protocol/turn-queue.js';

const turn = () => new Promise((r) => setImmediate(r));

describe('TurnQueue', () => {
  it('runs jobs in order, at most a slice per turn of the event loop', async () => {
    const queue = new TurnQueue(3);
    const ran: number[] = [];
    for (let i = 0; i < 7; i++) queue.push(() => ran.push(i));
    expect(ran).toEqual([]);
    await turn();
    expect(ran).toEqual([0, 1, 2]);
    await turn();
    expect(ran).toEqual([0, 1, 2, 3, 4, 5]);
    await turn();
    expect(ran).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(queue.length).toBe(0);
  });

  it('goes on past a job that throws', async () => {
    const queue = new TurnQueue(10);
    const ran: string[] = [];
    queue.push(() => ran.push('a'));
    queue.push(() => {
      throw new Error('broken job');
    });
    queue.push(() => ran.push('c'));
    await turn();
    expect(ran).toEqual(['a', 'c']);
  });
});
