// enums.md: every enumeration, its values and who uses it.
import type { Spec } from '@felix/spec';
import { typeLink } from './cross-links.js';
import { code, Page, prose, slug } from './markdown.js';
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
    p.table(
      numbered ? ['Name', 'Value', 'Description'] : ['Name', 'Description'],
      e.values.map((v) =>
        numbered ? [code(v.name), code(v.value ?? '—'), prose(v.doc)] : [code(v.name), prose(v.doc)],
      ),
    );
  }
  return p;
}
