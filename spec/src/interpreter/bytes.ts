/**
 * The parts one after another in a new array. Takes an array rather than rest arguments, so a
 * payload of many thousands of chunks does not run into the engine's argument limit.
 */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
