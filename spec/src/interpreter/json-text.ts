// The interpreter's JSON reader: JSON.parse, except that a plain integer literal outside the
// safe range comes back as an exact bigint (a JSON u64 reaches 2^64-1). Written apart from the
// wire runtime's reader so the two can be diffed.

/** One token of valid JSON: punctuation, a string, a number or a literal name. */
// Strings unrolled ("abc" runs between escapes): a group repeated per character would overflow
// V8's backtracking stack on a few megabytes of text.
const TOKEN = /\s*(?:([{}[\],:])|("[^"\\]*(?:\\.[^"\\]*)*")|(-?\d+)(?![.eE\d])|(-?\d[\d.eE+-]*)|(true|false|null))/y;

const UNSAFE_DIGITS = /\d{16}/;

/** Parses JSON text as JSON.parse does (throwing its SyntaxError), keeping unsafe integers exact. */
export function parseJsonText(text: string): unknown {
  const rough = JSON.parse(text);
  // Every integer literal with at most 15 digits is safe; only text with longer runs needs a second look.
  return UNSAFE_DIGITS.test(text) ? exactly(text) : rough;
}

function exactly(text: string): unknown {
  type Open = { kind: '{'; value: Record<string, unknown>; key?: string } | { kind: '['; value: unknown[] };
  const open: Open[] = [];
  let result: unknown;
  let done = false;
  const put = (v: unknown) => {
    const top = open.at(-1);
    if (!top) {
      result = v;
      done = true;
    } else if (top.kind === '[') top.value.push(v);
    else if (top.key === '__proto__')
      Object.defineProperty(top.value, top.key, { value: v, enumerable: true, writable: true, configurable: true });
    else top.value[top.key!] = v;
  };
  let at = 0;
  while (!done) {
    // Punctuation is read without the regex: deeply nested text is mostly brackets, and a
    // regex call per bracket made such frames several times slower than JSON.parse.
    let c = text.charCodeAt(at);
    while (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) c = text.charCodeAt(++at);
    let punct: string | undefined;
    let str: string | undefined;
    let int: string | undefined;
    let num: string | undefined;
    let name: string | undefined;
    if (c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d || c === 0x2c || c === 0x3a) punct = text[at++];
    else {
      TOKEN.lastIndex = at;
      const m = TOKEN.exec(text);
      if (!m) throw new SyntaxError('the exact JSON reader met text JSON.parse accepted');
      [, punct, str, int, num, name] = m;
      at = TOKEN.lastIndex;
    }
    if (punct === '{') open.push({ kind: '{', value: {} });
    else if (punct === '[') open.push({ kind: '[', value: [] });
    else if (punct === '}' || punct === ']') put(open.pop()!.value);
    else if (punct === ',' || punct === ':') continue;
    else if (str !== undefined) {
      const s = JSON.parse(str) as string;
      const top = open.at(-1);
      // A string right after `{` or `,` inside an object is a member name.
      if (top?.kind === '{' && top.key === undefined) top.key = s;
      else {
        put(s);
        if (top?.kind === '{') top.key = undefined;
      }
      continue;
    } else if (int !== undefined) {
      const n = Number(int);
      put(Number.isSafeInteger(n) ? n : BigInt(int));
    } else if (num !== undefined) put(Number(num));
    else put(name === 'true' ? true : name === 'false' ? false : null);
    const top = open.at(-1);
    if (top?.kind === '{') top.key = undefined;
  }
  return result;
}
