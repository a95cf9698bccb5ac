// A frame in the field notation of RFC 9000 section 1.3, as the protocol reference prints it
// below each byte diagram.
import type { FrameShape, WireField } from './frame-shape.js';

/** `request_id` → `Request ID`: the notation's field names are words in title case. */
export function titleCase(name: string): string {
  return name
    .split('_')
    .map((w) => (w === 'id' ? 'ID' : w === 'json' ? 'JSON' : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(' ');
}

function notationLine(f: WireField, itemName: string): string {
  const bits = f.size === null ? '..' : String(f.size * 8);
  if (f.item) return `${itemName} (..) ...`;
  return `${titleCase(f.name)} (${bits})${f.value ? ` = ${f.value}` : ''}`;
}

/**
 * The frame in the notation of RFC 9000 section 1.3: `Name (bits)`, `(..)` for a length that
 * varies, `= value` for a fixed value, `...` for zero or more repetitions of a structure that is
 * defined after the frame.
 */
export function rfcNotation(shape: FrameShape): string {
  const structs: string[] = [];
  const body = [...shape.header, ...shape.payload].map((f) => {
    const itemName = `${titleCase(f.name)} Item`;
    if (f.item) {
      structs.push(`${itemName} {\n${f.item.map((i) => `  ${notationLine(i, '')},`).join('\n')}\n}`);
    }
    return `  ${notationLine(f, itemName)},`;
  });
  return [`${titleCase(shape.title.replace(/,.*$/, '').replace(/ /g, '_'))} {\n${body.join('\n')}\n}`, ...structs].join(
    '\n\n',
  );
}
