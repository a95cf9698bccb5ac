// The generated TypeScript codec as a conformance decoder.
import { decodeFrame, isWireError } from '@felix/generated';
import { type Outcome, project, type Value } from '../notation.js';

export function decodeWithTs(frame: Uint8Array): Outcome {
  try {
    return { value: project(decodeFrame(frame)) as Value };
  } catch (err) {
    if (isWireError(err)) return { error: err.code };
    return { error: `internal:${(err as Error).name}: ${(err as Error).message}` };
  }
}
