// The latency publisher, run in a child process: it connects like any client of the target,
// reports ready, publishes the number of stamped messages it is sent at the paced rate, and
// leaves when told the subscriber has them all.
import { sendPaced, stampedPayload } from '../shared/paced.js';
import { connectPubSub, type TargetSpec } from './targets/index.js';

export async function runLatencyPublisher(spec: TargetSpec, topic: string, rate: number, bytes: number) {
  const pub = await connectPubSub(spec);
  const next = () => new Promise<unknown>((resolve) => process.once('message', resolve));
  // The parent going away (crash, kill) must not leave this process behind.
  process.once('disconnect', () => process.exit(1));
  const total = next();
  process.send!('ready');
  const count = Number(await total);
  const done = next();
  await sendPaced(count, rate, () => pub.publish(topic, stampedPayload(bytes)));
  await done;
  await pub.close();
  process.exit(0);
}
