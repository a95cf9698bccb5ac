// JSON text to a value the way JSON.parse reads it, except that an integer literal beyond
// 2^53-1 (which JSON.parse rounds) becomes an exact bigint. A JSON u64 reaches 2^64-1, and
// upstream's serde reads every one of them exactly.
//
// Only frames that carry such a number come here (the decoder parses with JSON.parse first), so
// this favours being obviously right over speed. JSON.parse's source-text access would do the
// same natively, but Node 20, the oldest engine supported, has it only behind a V8 flag
// (--harmony-json-parse-with-source), so one scanner serves every runtime.

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

type Container = unknown[] | Record<string, unknown>;

/** Ends of the string token starting at `start` (the index after its closing quote). */
function stringEnd(text: string, start: number): number {
  let at = start + 1;
  for (;;) {
    const quote = text.indexOf('"', at);
    if (quote < 0) throw new SyntaxError(`unterminated string at ${start}`);
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    at = quote + 1;
  }
}

function readString(text: string, start: number): [string, number] {
  const end = stringEnd(text, start);
  const raw = text.slice(start + 1, end - 1);
  return [raw.includes('\\') ? (JSON.parse(text.slice(start, end)) as string) : raw, end];
}

function readNumber(text: string, at: number): [number | bigint, number] {
  NUMBER.lastIndex = at;
  const m = NUMBER.exec(text);
  if (!m) throw new SyntaxError(`unexpected character at ${at}`);
  const literal = m[0];
  const n = Number(literal);
  // Only a plain integer literal has an exact value to keep; 1.5 or 1e300 read as JSON.parse reads them.
  const exact = m[1] === undefined && m[2] === undefined && !Number.isSafeInteger(n);
  return [exact ? BigInt(literal) : n, NUMBER.lastIndex];
}

function skipWhitespace(text: string, at: number): number {
  for (;;) {
    const c = text.charCodeAt(at);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return at;
    at++;
  }
}

function setMember(o: Record<string, unknown>, key: string, value: unknown): void {
  // JSON.parse makes "__proto__" an own member like any other; assigning it would set the prototype.
  if (key === '__proto__')
    Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
  else o[key] = value;
}

/**
 * Parses `text`, which must be JSON that JSON.parse accepts (check it with JSON.parse first):
 * the result is what JSON.parse returns, with every integer literal outside the safe range as a
 * bigint. Iterative, so nesting is no deeper a problem than for JSON.parse.
 */
export function parseJsonExact(text: string): unknown {
  const stack: Container[] = [];
  const keys: string[] = [];
  let at = skipWhitespace(text, 0);
  for (;;) {
    let value: unknown;
    const c = text.charCodeAt(at);
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      const close = c === 0x7b ? 0x7d : 0x5d;
      const after = skipWhitespace(text, at + 1);
      if (text.charCodeAt(after) === close) {
        value = c === 0x7b ? {} : [];
        at = after + 1;
      } else if (c === 0x5b) {
        stack.push([]);
        at = after;
        continue;
      } else {
        stack.push({});
        const [key, end] = readString(text, after);
        keys.push(key);
        at = skipWhitespace(text, skipWhitespace(text, end) + 1);
        continue;
      }
    } else if (c === 0x22 /* " */) {
      [value, at] = readString(text, at);
    } else if (c === 0x74 /* t */) {
      value = true;
      at += 4;
    } else if (c === 0x66 /* f */) {
      value = false;
      at += 5;
    } else if (c === 0x6e /* n */) {
      value = null;
      at += 4;
    } else {
      [value, at] = readNumber(text, at);
    }
    // Attach the value, then close every container that ends right after it.
    for (;;) {
      at = skipWhitespace(text, at);
      const top = stack.at(-1);
      if (top === undefined) {
        if (at !== text.length) throw new SyntaxError(`unexpected text at ${at}`);
        return value;
      }
      if (Array.isArray(top)) top.push(value);
      else setMember(top, keys.at(-1)!, value);
      const next = text.charCodeAt(at);
      if (next === 0x2c /* , */) {
        at = skipWhitespace(text, at + 1);
        if (!Array.isArray(top)) {
          const [key, end] = readString(text, at);
          keys[keys.length - 1] = key;
          at = skipWhitespace(text, skipWhitespace(text, end) + 1);
        }
        break;
      }
      if (next !== 0x7d && next !== 0x5d) throw new SyntaxError(`expected , or a closing bracket at ${at}`);
      at++;
      value = stack.pop();
      if (!Array.isArray(value)) keys.pop();
    }
  }
}
