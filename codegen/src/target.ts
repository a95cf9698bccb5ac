// What a code generator target is: a pure function from the spec model to files.
import type { Spec } from '@felix/spec';

export interface GeneratedFile {
  /** Path relative to the output root (the repository root by default). */
  path: string;
  contents: string | Uint8Array;
}

export interface Target {
  name: string;
  /** Folders (relative to the output root) this target owns: stale files in them are removed. */
  owns: string[];
  generate(spec: Spec): Promise<GeneratedFile[]> | GeneratedFile[];
}

export const GENERATED_NOTICE = 'generated — do not edit; edit spec/ and run `npm run generate`';

/** The notice as a comment in the given style, ending with a newline. */
export function notice(style: '//' | '#' | 'md'): string {
  if (style === 'md') return `<!-- ${GENERATED_NOTICE} -->\n`;
  return `${style} ${GENERATED_NOTICE}\n`;
}

/** Stable JSON text: two-space indent and a final newline. */
const BIGINT_MARK = '\u0000bigint:';

/** JSON text of `value`, a bigint written as its exact digits. */
export function jsonText(value: unknown): string {
  const text = JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? `${BIGINT_MARK}${v}` : v), 2);
  return `${text.replace(/"\\u0000bigint:(-?\d+)"/g, '$1')}\n`;
}
