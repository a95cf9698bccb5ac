// enums.md: every enumeration, its values and who uses it.
import type { EnumValue, Spec } from '@felix/spec';
import { featureLink, typeLink } from './cross-links.js';
import { anchorTag, code, Page, prose, rowAnchor, slug } from './markdown.js';
import { PAGE } from './page-paths.js';
import { users } from './spec-facts.js';

export function enumsPage(spec: Spec): Page {
  const p = new Page(PAGE.enums);
  p.heading(1, 'Enumerations');
  p.list(Object.keys(spec.enums).map((n) => p.link(code(n), PAGE.enums, slug(n))));
  for (const e of Object.values(spec.enums)) {
    p.heading(2, e.name);
    p.para(prose(e.doc));
    const usedBy = users(spec, (f) => f.enum === e.name).map((u) => typeLink(p, spec, u));
    if (e.name === 'retry_class') usedBy.push(p.link('error codes', PAGE.errors));
    p.properties([
      ['Encoding', code(e.encoding)],
      ['Used by', usedBy.join(', ') || '—'],
    ]);
    const numbered = e.encoding === 'u8';
    // Only an enum that gained values of its own needs their anchors (the compatibility page
    // links them) and, when they are gated, the column.
    const anchored = e.values.some((v) => v.origin || v.requires_feature);
    const gated = e.values.some((v) => v.requires_feature);
    const name = (v: EnumValue) =>
      anchored ? `${anchorTag(rowAnchor('enum', `${e.name}-${v.name}`))}${code(v.name)}` : code(v.name);
    const gate = (v: EnumValue) => (v.requires_feature ? featureLink(p, v.requires_feature) : '—');
    p.table(
      [...(numbered ? ['Name', 'Value'] : ['Name']), ...(gated ? ['Requires feature'] : []), 'Description'],
      e.values.map((v) => [
        name(v),
        ...(numbered ? [code(v.value ?? '—')] : []),
        ...(gated ? [gate(v)] : []),
        prose(v.doc),
      ]),
    );
  }
  return p;
}
