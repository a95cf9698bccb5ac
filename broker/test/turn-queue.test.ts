import { describe, expect, it, vi } from 'vitest';
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

  it('ends a turn once its jobs have spent the budget, however many the slice allows', async () => {
    // A clock each job moves 3 ms: what a busy machine does to wall time cannot change the count.
    let now = 0;
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => now);
    try {
      const queue = new TurnQueue(100, 5);
      const ran: number[] = [];
      for (let i = 0; i < 6; i++)
        queue.push(() => {
          now += 3;
          ran.push(i);
        });
      await turn();
      // The second job takes the turn past 5 ms: the rest wait for the next turn.
      expect(ran).toEqual([0, 1]);
      await turn();
      expect(ran).toEqual([0, 1, 2, 3]);
    } finally {
      clock.mockRestore();
    }
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
