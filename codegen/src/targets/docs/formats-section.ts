// The "String formats" section of framing.md: each format's rule as the spec states it, the
// JSON Schema pattern that enforces it, and every field that follows it.
import type { CodePointRange, FormatSpec, Spec } from '@felix/spec';
import { formatPattern } from '../../json-schema.js';
import { errorLink, formatHeading, limitText, typeLink } from './cross-links.js';
import { code, type Page, prose, rowAnchor } from './markdown.js';
import { PAGE } from './page-paths.js';
import { walkJson } from './spec-facts.js';

const codePoint = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

function rangeText(r: CodePointRange): string {
  return code(r.from === r.to ? codePoint(r.from) : `${codePoint(r.from)}–${codePoint(r.to)}`);
}

/** Each message and layout with a field of this format, and links to those fields' rows. */
function fieldsOf(p: Page, spec: Spec, format: FormatSpec): string[][] {
  const rows: string[][] = [];
  for (const m of spec.messages) {
    const links: string[] = [];
    walkJson(m.fields, '', (f, path) => {
      if (f.format === format.name) links.push(p.link(code(path), PAGE.message(m.name), rowAnchor('field', path)));
    });
    if (links.length) rows.push([typeLink(p, spec, m.name), links.join(', ')]);
  }
  for (const l of spec.layouts) {
    const links = l.fields
      .filter((f) => f.format === format.name)
      .map((f) => p.link(code(f.name), PAGE.layout(l.name), rowAnchor('field', f.name)));
    if (links.length) rows.push([typeLink(p, spec, l.name), links.join(', ')]);
  }
  return rows;
}

export function formatSections(p: Page, spec: Spec): void {
  const formats = Object.values(spec.formats);
  if (!formats.length) return;
  p.heading(2, 'String formats');
  for (const f of formats) {
    p.heading(3, formatHeading(f.name));
    p.para(prose(f.doc));
    p.properties([
      ['Byte limit', limitText(p, spec, f.limit, 'bytes')],
      ['Rejected with', errorLink(p, f.error)],
      ['JSON Schema pattern', code(formatPattern(f))],
    ]);
    p.table(
      ['Rule', 'Code points', 'Why'],
      [
        ...f.forbidden.map((r) => ['forbidden', rangeText(r), prose(r.doc)]),
        ...f.not_only.map((r) => ['not the only ones', rangeText(r), prose(r.doc)]),
      ],
    );
    const users = fieldsOf(p, spec, f);
    if (users.length) p.table(['Message or layout', 'Fields of this format'], users);
  }
}
