// errors.md: what a receiver does with a bad frame, and every error code.
import type { Spec } from '@felix/spec';
import { anchorTag, code, Page, prose, rowAnchor, slug } from './markdown.js';
import { PAGE } from './page-paths.js';

export function errorsPage(spec: Spec): Page {
  const p = new Page(PAGE.errors);
  p.heading(1, 'Error codes');
  p.para(prose(spec.errors.doc));
  if (spec.errors.handling?.length) {
    p.heading(2, 'What a receiver does with a bad frame');
    p.list(spec.errors.handling.map(prose));
  }
  if (spec.errors.check_order?.length) {
    const [intro, ...steps] = spec.errors.check_order;
    p.heading(2, 'When several checks fail');
    p.para(prose(intro));
    p.list(steps.map(prose));
  }
  const retry = spec.enums.retry_class ? (r: string) => p.link(code(r), PAGE.enums, slug('retry_class')) : code;
  p.table(
    ['Number', 'Code', 'Retry class', 'Origin', 'Codec', 'Description'],
    [...spec.errors.codes]
      .sort((a, b) => a.number - b.number)
      .map((c) => [
        code(c.number),
        `${anchorTag(rowAnchor('error', c.name))}${code(c.name)}`,
        retry(c.retry),
        code(c.origin),
        c.codec ? 'yes' : 'no',
        prose(c.doc),
      ]),
  );
  return p;
}
