// Row 1: thousands of TLS connections, authenticated and then idle. The broker holds at most
// its connection limits (maxConnections, maxConnectionsPerAddress: every attacker here shares
// 127.0.0.1); each connection past them is answered limit_exceeded, or closed at accept once
// too many refused ones wait for their answer, and never left hanging.
import { type TestClient, testClient } from '@felix/testkit';
import { type Attack, at, check } from '../attack.js';
import { holdUntil, inParallel, TimeoutError, within } from './common.js';

/** How long a connection may take to be answered (accepted, refused or cut). */
const ANSWER_MS = 15_000;
const PER_ADDRESS = { short: 400, long: 1000 };

export const idleConnections: Attack = {
  name: 'idle-connections',
  row: '20,000 TLS connections, authenticated and idle',
  env: (scale) => ({ FELIX_MAX_CONNECTIONS_PER_ADDRESS: String(at(scale, PER_ADDRESS.short, PER_ADDRESS.long)) }),
  async run({ endpoint, scale, refusals, until }) {
    const attempts = at(scale, 800, 20_000);
    const perAddress = at(scale, PER_ADDRESS.short, PER_ADDRESS.long);
    const held: TestClient[] = [];
    let cut = 0;
    const started = performance.now();
    await inParallel(attempts, 64, async () => {
      let client: Awaited<ReturnType<typeof testClient>>;
      try {
        client = await within(testClient('tls', endpoint), ANSWER_MS, 'a TLS connection');
      } catch (err) {
        if (err instanceof TimeoutError) refusals.silent('connection never answered');
        else {
          // The broker closed it before or during the handshake: the close is the answer.
          refusals.add('closed:at-accept');
          cut++;
        }
        return;
      }
      const reply = client.authReply;
      if (reply?.type === 'auth_ok') {
        held.push(client);
        return;
      }
      if (!reply || refusals.message(reply) === undefined) refusals.silent('auth unanswered');
      client.close();
    });
    const connectSeconds = (performance.now() - started) / 1000;
    await holdUntil(until);
    for (const c of held) c.close();
    const limitExceeded = refusals.count('limit_exceeded');
    return {
      figures: {
        attempts,
        held: held.length,
        'refused limit_exceeded': limitExceeded,
        'cut at accept': cut,
        'connect s': connectSeconds.toFixed(1),
      },
      checks: [
        check(
          'connections held stay within maxConnectionsPerAddress',
          held.length <= perAddress,
          `${held.length} held, limit ${perAddress}`,
        ),
        check(
          'connections past the limit were refused with limit_exceeded',
          limitExceeded > 0 && held.length + limitExceeded + cut === attempts,
          `${limitExceeded} limit_exceeded, ${cut} cut at accept, of ${attempts - held.length} not held`,
        ),
      ],
    };
  },
};
