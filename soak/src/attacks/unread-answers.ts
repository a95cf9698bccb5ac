// Row 5: one session asks for large cache values again and again and never reads the answers.
// Answers wait for the carrier to take them, bounded per session; a session that stays over
// its bound is closed with limit_exceeded. The values are 2.5 MiB rather than the row's 5 MiB so
// this row does not also depend on JSON frames above ~3.35 MB decoding (the json-large row).
import { encodeFrame } from '@felix/generated';
import { FrameInbox, testClient } from '@felix/testkit';
import { type Attack, at, check } from '../attack.js';
import { TARGET_CACHE } from '../soak-broker.js';
import { filled, holdUntil, MiB, nextError } from './common.js';

const VALUE_BYTES = 2.5 * MiB;
/** The answers work's settings (ignored by brokers without them): the grace before the close. */
const DRAIN_TIMEOUT_MS = { short: 1000, long: 10_000 };
const scope = { tenant_id: 't1', namespace: 'default', cache: TARGET_CACHE } as const;

export const unreadAnswers: Attack = {
  name: 'unread-answers',
  row: '100 cache gets for ~5 MiB values on one session, never read',
  awaits: 'answers (answers pool, close past the session bound)',
  env: (scale) => ({ FELIX_ANSWER_DRAIN_TIMEOUT_MS: String(at(scale, DRAIN_TIMEOUT_MS.short, DRAIN_TIMEOUT_MS.long)) }),
  async run({ endpoint, scale, refusals, until }) {
    const gets = at(scale, 40, 100);
    const writer = await testClient('tls', endpoint);
    const put = await writer.session.openCacheStream();
    const putAnswers = new FrameInbox(put.readable);
    put.writable.write(
      encodeFrame({
        type: 'cache_put',
        ...scope,
        key: 'large',
        value: filled(VALUE_BYTES),
        request_id: 1,
        ttl_ms: null,
      }),
    );
    const stored = await putAnswers.next(30_000);
    if (stored.type !== 'cache_ok') throw new Error(`the value was not stored: ${stored.type}`);
    writer.close();

    const greedy = await testClient('tls', endpoint);
    const unread = await greedy.session.openCacheStream();
    for (let i = 0; i < gets; i++)
      unread.writable.write(encodeFrame({ type: 'cache_get', ...scope, key: 'large', request_id: 100 + i }));
    const error = await nextError(greedy.control, Math.max(1, until - Date.now()));
    const code = error ? (refusals.message(error) ?? 'no code') : undefined;
    if (error && code === 'no code') refusals.silent('error without a code');
    await holdUntil(until);
    greedy.close();
    return {
      figures: {
        gets,
        'MiB asked for': ((gets * VALUE_BYTES) / MiB).toFixed(0),
        'session closed with': code ?? 'still open',
      },
      checks: [
        check(
          'the session that left its answers unread was closed with a code',
          code !== undefined && code !== 'no code',
          code === undefined ? 'still open at the end' : `closed with ${code}: ${error?.message}`,
        ),
      ],
    };
  },
};
