// framing.md: the frame header, how integers, text and bytes are encoded, and the limits.
import type { Spec } from '@felix/spec';
import { errorLink, typeLink } from './cross-links.js';
import { constNumber, genericShape, headerSize } from './frame-shape.js';
import { anchorTag, code, Page, prose, rowAnchor, slug } from './markdown.js';
import { PAGE } from './page-paths.js';
import { users } from './spec-facts.js';

function constText(value: number, size: number): string {
  const bytes = Array.from({ length: size }, (_, i) => (value >>> (8 * (size - 1 - i))) & 0xff);
  const hex = constNumber(value, size);
  const printable = size > 1 && bytes.every((b) => b >= 0x20 && b < 0x7f);
  return printable ? `${code(hex)} (${code(JSON.stringify(String.fromCharCode(...bytes)))})` : code(value);
}

export function framingPage(spec: Spec): Page {
  const p = new Page(PAGE.framing);
  p.heading(1, 'Framing');
  p.para(prose(spec.frame.doc));
  p.properties([
    ['Byte order', code(spec.frame.byte_order)],
    ['Header size', `${spec.frame.header_size} bytes`],
  ]);
  p.heading(2, 'Header');
  p.para(
    'Offsets are from the start of the frame, four bytes to a row; below the diagram is the same frame in the field notation of RFC 9000 (section 1.3): a length in bits, `(..)` where it varies, `= value` where it is fixed.',
  );
  p.frame(genericShape(spec), 'byte-diagram-frame');
  let offset = 0;
  const rows = spec.frame.header.map((h) => {
    const size = headerSize(h.type);
    const row = [
      code(offset),
      code(size),
      code(h.name),
      code(h.type),
      h.const !== undefined
        ? constText(h.const, size)
        : h.name === 'flags'
          ? p.link('allowed combinations', PAGE.flags, slug('Allowed flag combinations'))
          : '—',
      h.error ? errorLink(p, h.error) : '—',
      prose(h.doc),
    ];
    offset += size;
    return row;
  });
  p.table(['Offset', 'Size', 'Field', 'Type', 'Value', 'Rejected with', 'Description'], rows);
  p.heading(2, 'Integers, text and bytes');
  for (const [key, text] of Object.entries(spec.integers)) {
    p.heading(3, code(key));
    p.para(prose(text));
  }
  p.heading(2, 'Limits');
  p.table(
    ['Limit', 'Value', 'Description', 'Used by'],
    Object.entries(spec.limits).map(([name, l]) => [
      `${anchorTag(rowAnchor('limit', name))}${code(name)}`,
      code(l.value),
      prose(l.doc),
      users(spec, (f) => f.limit === name)
        .map((u) => typeLink(p, spec, u))
        .join(', ') || '—',
    ]),
  );
  return p;
}
