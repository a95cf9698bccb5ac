// Vitest global setup: brings every workspace's dist/ up to date before any test runs, so tests
// that spawn the broker or the felix command run the code as built (incremental: seconds when
// nothing changed).
import { build } from '../build.mjs';

export default function setup(): void {
  build({ quiet: true });
}
