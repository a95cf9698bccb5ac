// examples.md: the spec's worked examples as annotated hex and as values.
import type { Spec } from '@felix/spec';
import { annotatedHex } from './annotated-hex.js';
import { typeLink } from './cross-links.js';
import { Page, prose, slug } from './markdown.js';
import { PAGE } from './page-paths.js';

export function examplesPage(spec: Spec): Page {
  const p = new Page(PAGE.examples);
  p.heading(1, 'Worked examples');
  p.list(spec.examples.map((e) => p.link(e.name, PAGE.examples, slug(e.name))));
  for (const ex of spec.examples) {
    const type = String(ex.value.type);
    p.heading(2, ex.name);
    p.para(prose(ex.doc));
    p.properties([
      ['Type', typeLink(p, spec, type)],
      ['Frame size', `${ex.hex.length / 2} bytes`],
    ]);
    p.heading(3, `${ex.name} frame`);
    p.fence('text', annotatedHex(spec, Buffer.from(ex.hex, 'hex'), ex.name));
    p.heading(3, `${ex.name} value`);
    p.fence('json', JSON.stringify(ex.value, null, 2));
  }
  return p;
}
