// Frames at the frame limit: for every byte field of every JSON message, a seed of that
// message whose field is inflated until the JSON text is exactly max_frame_payload bytes, in
// one of a few variants (valid, a bad character anywhere in the base64, bad padding, another
// member broken too, one byte over the limit). Each costs every decoder about a second, so a
// run builds one per field rather than mixing them into the random inputs.

import { DEFAULT_MAX_FRAME_PAYLOAD, frameBytes, HEADER_SIZE } from '@felix/generated';
import type { JsonField, Spec } from '@felix/spec';
import { interpretFrame } from '@felix/spec/interpreter';
import type { Rng } from './rng.js';

export interface LimitFrame {
  frame: Uint8Array;
  /** Message, field and variant, enough to rebuild the frame from the run's seed. */
  what: string;
  /** 'value' or the error code every decoder must give; undefined where another member decides. */
  expect?: string;
}

const VARIANTS = ['valid', 'bad_character', 'bad_padding', 'other_member', 'over_limit'] as const;
const EXPECT: Record<(typeof VARIANTS)[number], string | undefined> = {
  valid: 'value',
  bad_character: 'invalid_base64',
  bad_padding: 'invalid_base64',
  other_member: undefined,
  over_limit: 'frame_too_large',
};

/** Outside the alphabet, as a careless encoder writes them: URL-safe, space, padding, an escape. */
const BAD_CHARACTERS = ['-', '_', ' ', '=', '.', '\\n'];
const BAD_ENDINGS = ['Q===', 'QQ=A', '=QQQ', 'QQ', 'QUJD='];
/** Raw JSON texts for another member: wrong type, out of range, past 2^53, null. */
const OTHER_VALUES = ['-1', '"x"', 'null', '1.5', '[]', '{}', '18446744073709551616'];

const utf8 = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();
const isByteField = (f: JsonField) => f.type === 'bytes' || (f.type === 'list' && f.items === 'bytes');

/** The JSON object of `frame` when it is a valid JSON message (the corpus has broken ones too). */
function validJson(spec: Spec, frame: Uint8Array): Record<string, unknown> | undefined {
  if (frame.length <= HEADER_SIZE || frame[6] !== 0 || frame[7] !== 0) return undefined;
  try {
    interpretFrame(spec, frame);
    return JSON.parse(utf8.decode(frame.subarray(HEADER_SIZE)));
  } catch {
    return undefined;
  }
}

export function limitFrames(spec: Spec, rng: Rng, seeds: Uint8Array[]): LimitFrame[] {
  const limit = DEFAULT_MAX_FRAME_PAYLOAD;
  // One random base64 text long enough for any field, cut to length per frame.
  const base64 = Buffer.from(rng.bytes((limit / 4) * 3)).toString('base64');
  const out: LimitFrame[] = [];
  const objects = seeds.map((s) => validJson(spec, s));
  for (const m of spec.messages) {
    const seed = objects.find((o) => o?.type === m.name);
    if (!seed) throw new Error(`no JSON seed of ${m.name}`);
    for (const f of m.fields.filter(isByteField)) {
      const variant = rng.pick(VARIANTS);
      const members = { ...seed };
      const raw: string[] = [];
      if (variant === 'other_member') {
        const others = Object.keys(members).filter((k) => k !== 'type' && k !== f.name);
        if (others.length) members[rng.pick(others)] = `@@RAW${raw.push(rng.pick(OTHER_VALUES)) - 1}@@`;
      }
      members[f.name] = f.type === 'list' ? ['@@BIG@@'] : '@@BIG@@';
      const [before, after] = JSON.stringify(members)
        .replace(/"@@RAW(\d+)@@"/g, (_, i: string) => raw[Number(i)])
        .split('"@@BIG@@"');
      const fixed = encoder.encode(before).length + encoder.encode(after).length + 2;
      const room = limit - fixed;
      let text = base64.slice(0, room - (room % 4));
      let at = -1;
      if (variant === 'bad_character') {
        at = rng.below(text.length);
        text = text.slice(0, at) + rng.pick(BAD_CHARACTERS) + text.slice(at + 1);
      } else if (variant === 'bad_padding') {
        const ending = rng.pick(BAD_ENDINGS);
        text = text.slice(0, text.length - 4) + ending;
      }
      // Whitespace after the opening brace takes up what base64's groups of four leave over.
      const spaces = limit - fixed - text.length + (variant === 'over_limit' ? 1 : 0);
      const json = `{${' '.repeat(Math.max(0, spaces))}${before.slice(1)}"${text}"${after}`;
      out.push({
        frame: frameBytes(0, encoder.encode(json)),
        what: `${m.name}.${f.name} at the limit, ${variant}${at >= 0 ? ` at ${at}` : ''}`,
        expect: EXPECT[variant],
      });
    }
  }
  return out;
}
