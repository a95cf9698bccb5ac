// One group consumer in a process of its own, so a test can SIGKILL it: it joins the group,
// says so, and reports every record it receives and every ack the broker confirmed, one line
// each on stdout. Runs the built SDK (@felix/client through its package exports).
//   node consumer-process.mjs URL CERT_SHA256 TOKEN STREAM GROUP ack|hold ACK_WAIT_MS MAX_IN_FLIGHT
import { connect } from '@felix/client';

const [url, certSha256, token, stream, group, mode, ackWaitMs, maxInFlight] = process.argv.slice(2);
const out = (line) => process.stdout.write(`${line}\n`);
const decoder = new TextDecoder();

/** Calls `attempt` until it succeeds: the broker may be down (a chaos run restarts it). */
async function retrying(attempt) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      return await attempt();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

const client = await retrying(() =>
  connect(url, { certSha256, token, reconnect: { initialDelayMs: 10, maxDelayMs: 200 } }),
);
const consumer = await retrying(() =>
  client.consume(stream, {
    group,
    start: 'earliest',
    ackWaitMs: Number(ackWaitMs),
    maxInFlight: Number(maxInFlight),
  }),
);
out('joined');
for await (const m of consumer) {
  const id = decoder.decode(m.payload);
  out(`received ${m.offset} ${m.deliveryCount} ${id}`);
  if (mode === 'hold') continue;
  m.ack().then(
    () => out(`acked ${m.offset} ${id}`),
    // A stale delivery (the session it came on is gone) is the broker's to deliver again.
    (err) => out(`refused ${m.offset} ${err?.code ?? err}`),
  );
}
