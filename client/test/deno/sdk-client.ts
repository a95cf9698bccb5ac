// Run by Deno (`deno run --allow-all --unstable-net`), not by vitest: the SDK as a Deno program
// imports it, from its built dist through the package's exports. It connects to FELIX_TEST_URL,
// subscribes, publishes, puts and gets a cache entry, consumes and acks a record of a consumer
// group, and prints one JSON line of what it saw, which the test checks. A connect that fails
// prints the error's code and retry class instead (and still exits 0), so the test can check a
// refusal as well.
import process from 'node:process';
import { connect, FelixError } from '@felix/client';

const env = (name: string): string | undefined => process.env[name] || undefined;
const text = new TextDecoder();

let client: Awaited<ReturnType<typeof connect>>;
try {
  client = await connect(env('FELIX_TEST_URL')!, {
    ca: env('FELIX_TEST_CA'),
    certSha256: env('FELIX_TEST_CERT_SHA256'),
    token: env('FELIX_TEST_TOKEN'),
    reconnect: false,
    connectTimeoutMs: 5_000,
    requestTimeoutMs: 5_000,
  });
} catch (err) {
  if (!(err instanceof FelixError)) throw err;
  console.log(JSON.stringify({ refused: { code: err.code, retry: err.retry, message: err.message } }));
  process.exit(0);
}

const stream = env('FELIX_TEST_STREAM')!;
const queue = env('FELIX_TEST_QUEUE')!;

const sub = await client.subscribe(stream, { start: 'earliest' });
await client.publishBatch(stream, ['first', 'second']);
const delivered: string[] = [];
for await (const record of sub) {
  delivered.push(text.decode(record.payload));
  if (delivered.length === 2) break;
}

await client.put('primary', 'deno', 'from deno');
const cached = await client.get('primary', 'deno');

await client.publish(queue, 'job');
const consumer = await client.consume(queue, { group: 'workers', start: 'earliest' });
let consumed: string | undefined;
for await (const message of consumer) {
  consumed = text.decode(message.payload);
  await message.ack();
  break;
}

console.log(
  JSON.stringify({
    carrier: client.capabilities?.carrier,
    delivered,
    cached: cached === null ? null : text.decode(cached),
    consumed,
  }),
);
await client.close();
