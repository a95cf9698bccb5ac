// String formats (spec formats, e.g. names), checked code point by code point straight from
// the declared ranges: an implementation independent of the regex the JSON Schemas carry.
import type { CodePointRange, FormatSpec } from '../model.js';

const within = (ranges: CodePointRange[], cp: number) => ranges.find((r) => cp >= r.from && cp <= r.to);
const codePoint = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/** Why `value` breaks `format`, or undefined when it follows it. The byte limit is not checked here. */
export function formatProblem(format: FormatSpec, value: string): string | undefined {
  let other = false;
  for (const ch of value) {
    const cp = ch.codePointAt(0)!;
    const bad = within(format.forbidden, cp);
    if (bad) return `contains ${codePoint(cp)}, ${bad.doc}`;
    if (!within(format.not_only, cp)) other = true;
  }
  if (other) return undefined;
  if (value === '') return 'is empty';
  return `has nothing but ${format.not_only.map((r) => r.doc).join(' or ')}`;
}
