import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { EventLoopDelayHistogram } from '../src/service/event-loop-delay.js';

/** The histogram's samples as the registry writes them: bucket bound → count, plus sum and count. */
async function scrape(registry: Registry) {
  const text = await registry.metrics();
  const buckets = new Map<string, number>();
  let sum = Number.NaN;
  let count = Number.NaN;
  for (const line of text.split('\n')) {
    const bucket = /^felix_event_loop_delay_seconds_bucket\{le="([^"]+)"\} (\S+)$/.exec(line);
    if (bucket) buckets.set(bucket[1], Number(bucket[2]));
    const total = /^felix_event_loop_delay_seconds_(sum|count) (\S+)$/.exec(line);
    if (total?.[1] === 'sum') sum = Number(total[2]);
    if (total?.[1] === 'count') count = Number(total[2]);
  }
  return { text, buckets, sum, count };
}

/** Holds the event loop for `ms`, as a long synchronous task in the broker would. */
function block(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {}
}

describe('felix_event_loop_delay_seconds', () => {
  it('is a cumulative histogram that counts a blocked loop above the bucket it blocked past', async () => {
    const registry = new Registry();
    new EventLoopDelayHistogram(registry);
    expect((await scrape(registry)).text).toContain('# TYPE felix_event_loop_delay_seconds histogram');
    // The runtime's sampler measures from one of its ticks to the next, so a stall counts once
    // it has ticked; poll (bounded) for each condition rather than guess how long that takes.
    const until = async (ok: (s: Awaited<ReturnType<typeof scrape>>) => boolean) => {
      let seen = await scrape(registry);
      for (let i = 0; i < 200 && !ok(seen); i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        seen = await scrape(registry);
      }
      return seen;
    };
    const before = await until((s) => s.count > 0);
    block(80);
    const seen = await until((s) => (s.buckets.get('0.025') ?? 0) < s.count);
    expect(seen.count).toBeGreaterThan(0);
    expect(seen.buckets.get('+Inf')).toBe(seen.count);
    expect(seen.buckets.get('0.025')).toBeLessThan(seen.count);
    expect(seen.sum - before.sum).toBeGreaterThanOrEqual(0.05);
    const bounds = [...seen.buckets.values()];
    for (let i = 1; i < bounds.length; i++) expect(bounds[i]).toBeGreaterThanOrEqual(bounds[i - 1]);
    // Later scrapes add to the counts rather than starting over.
    await new Promise((resolve) => setTimeout(resolve, 30));
    const later = await scrape(registry);
    expect(later.count).toBeGreaterThanOrEqual(seen.count);
    expect(later.sum).toBeGreaterThanOrEqual(seen.sum);
    expect(later.buckets.get('0.025')! - seen.buckets.get('0.025')!).toBeLessThanOrEqual(later.count - seen.count);
  });
});
