// Issue 17's table of attacks, in its order: each row replayed by one attack.
import type { Attack } from '../attack.js';
import { autoCreateCap } from './auto-create-cap.js';
import { drainSlowSubscriber } from './drain-slow-subscriber.js';
import { idleConnections } from './idle-connections.js';
import { jsonLarge } from './json-large.js';
import { noTls } from './no-tls.js';
import { retention } from './retention.js';
import { slowSubscribers } from './slow-subscribers.js';
import { subscriptions } from './subscriptions.js';
import { tinyCacheEntries } from './tiny-cache-entries.js';
import { trickledFrames } from './trickled-frames.js';
import { unreadAnswers } from './unread-answers.js';

export const ATTACKS: readonly Attack[] = [
  idleConnections,
  noTls,
  trickledFrames,
  subscriptions,
  unreadAnswers,
  jsonLarge,
  slowSubscribers,
  drainSlowSubscriber,
  autoCreateCap,
  tinyCacheEntries,
  retention,
];
