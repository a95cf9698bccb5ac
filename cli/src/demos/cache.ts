// `npm run demo:cache`: the TTL cache through the SDK against a broker of the demo's own: put
// and get, an entry that expires, delete, a refused unknown cache, and many requests in flight
// over the client's pool of cache streams.
import { connect, FelixError } from '@felix/client';
import { detail, runDemo, say, text } from './narrate.js';

await runDemo('Felix demo: the cache', async ({ url, fingerprint, token }) => {
  say('a client connects');
  const client = await connect(url, { certSha256: fingerprint, token });

  say('put user:42 in cache `primary`, then read it back');
  await client.put('primary', 'user:42', JSON.stringify({ name: 'Ada', plan: 'pro' }));
  detail(`get user:42 → ${text(await client.get('primary', 'user:42'))}`);

  const ttlMs = 300;
  say(`put session:7 with a ${ttlMs} ms time to live`);
  const putAt = performance.now();
  await client.put('primary', 'session:7', 'token-abc', { ttlMs });
  detail(`right away: get session:7 → ${text(await client.get('primary', 'session:7'))}`);
  // Poll rather than sleep once: the broker expires the entry on read or at its next sweep.
  let value = await client.get('primary', 'session:7');
  while (value !== null) {
    if (performance.now() - putAt > ttlMs + 5000) throw new Error('session:7 did not expire');
    await new Promise((r) => setTimeout(r, 50));
    value = await client.get('primary', 'session:7');
  }
  detail(`after ${Math.round(performance.now() - putAt)} ms: get session:7 → null (expired)`);

  say('delete user:42: the delete answers with the value it removed');
  detail(`delete user:42 → ${text(await client.delete('primary', 'user:42'))}`);
  detail(`get user:42 → ${text(await client.get('primary', 'user:42'))}`);

  say('a cache the broker does not know is refused with a typed error');
  try {
    await client.get('no-such-cache', 'k');
    throw new Error('the broker answered for an unknown cache');
  } catch (err) {
    if (!(err instanceof FelixError) || err.code !== 'not_found') throw err;
    detail(`FelixError (${err.code}): ${err.message}`);
  }

  const n = 500;
  say(`${n} puts and then ${n} gets, all in flight at once, spread over the client's cache streams`);
  let started = performance.now();
  await Promise.all(Array.from({ length: n }, (_, i) => client.put('primary', `item:${i}`, `value ${i}`)));
  const putMs = performance.now() - started;
  started = performance.now();
  const values = await Promise.all(Array.from({ length: n }, (_, i) => client.get('primary', `item:${i}`)));
  const getMs = performance.now() - started;
  const right = values.filter((v, i) => text(v) === `value ${i}`).length;
  if (right !== n) throw new Error(`${n - right} gets returned the wrong value`);
  detail(
    `puts: ${putMs.toFixed(0)} ms (${Math.round((n / putMs) * 1000)}/s); gets: ${getMs.toFixed(0)} ms (${Math.round((n / getMs) * 1000)}/s); every value read back as written`,
  );
  await client.close();
});
