// The valid requests the attackers' mutator starts from.
import { encodeFrame, type WireMessage } from '@felix/generated';
import fc from 'fast-check';
import { anyMessage } from '../../generated/arbitraries.js';
import { ALL_FEATURES, ALL_FLAGS, text } from './wire-values.js';

/** Client-to-server requests naming what the broker has, so mutations reach its handlers. */
export function requestSeeds(seed: number): Uint8Array[] {
  const where = { tenant_id: 't1', namespace: 'default' };
  const valid: WireMessage[] = [
    { type: 'publish', ...where, stream: 'demo', payload: text('x'), request_id: 1 },
    { type: 'publish', ...where, stream: 'demo', payload: text('x'), ack: 'none' },
    {
      type: 'publish_batch',
      ...where,
      stream: 'demo',
      payloads: [text('a'), text('b')],
      request_id: 2,
      ack: 'per_batch',
    },
    {
      type: 'binary_publish_batch',
      ...where,
      stream: 'demo',
      payloads: [text('a')],
      request_id: 3n,
      ack_mode: 'per_batch',
    },
    { type: 'binary_publish_batch', ...where, stream: 'demo', payloads: [text('a'), text('')] },
    { type: 'subscribe', ...where, stream: 'demo', start: 'earliest' },
    { type: 'subscribe', ...where, stream: 'demo', start: { offset: 0 } },
    { type: 'cache_put', ...where, cache: 'primary', key: 'k', value: text('v'), request_id: 4, ttl_ms: 1000 },
    { type: 'cache_get', ...where, cache: 'primary', key: 'k', request_id: 5 },
    { type: 'cache_delete', ...where, cache: 'primary', key: 'k', request_id: 6 },
    { type: 'stream_attach', session_token: 'x', kind: 'cache' },
    { type: 'auth', tenant_id: 't1', token: 't', client_flags: ALL_FLAGS, client_features: ALL_FEATURES },
  ];
  // Random valid values of every type, renamed to the registered tenant, stream and cache.
  const sampled = fc.sample(anyMessage, { seed, numRuns: 400 }).map((m) => {
    const v = m as unknown as Record<string, unknown>;
    if ('tenant_id' in v) Object.assign(v, where);
    if ('stream' in v) v.stream = 'demo';
    if ('cache' in v) v.cache = 'primary';
    return m;
  });
  const frames: Uint8Array[] = [];
  for (const m of [...valid, ...valid, ...valid, ...sampled]) {
    try {
      frames.push(encodeFrame(m));
    } catch {
      // a renamed value over a limit it no longer meets
    }
  }
  return frames;
}
