// index.md: the protocol at a glance and every message and layout with where it travels.
import type { Spec } from '@felix/spec';
import { featureLink, flagLink, streamLinks } from './cross-links.js';
import { hex4 } from './frame-shape.js';
import { code, Page, prose, slug } from './markdown.js';
import { PAGE } from './page-paths.js';
import { directionLabel } from './spec-facts.js';

export function indexPage(spec: Spec): Page {
  const p = new Page(PAGE.index);
  p.heading(1, prose(spec.protocol.name));
  p.properties([
    ['Wire version', code(spec.protocol.wire_version)],
    ['Spec revision', code(spec.protocol.spec_revision)],
    ['Upstream', prose(spec.protocol.upstream.project)],
  ]);
  p.para(prose(spec.protocol.doc));
  p.heading(2, 'Upstream compatibility');
  p.para(prose(spec.protocol.upstream.compatibility));
  p.heading(2, 'Contents');
  p.list([
    p.link('Framing', PAGE.framing),
    p.link('Flags and capabilities', PAGE.flags),
    p.link('Compatibility', PAGE.compatibility),
    p.link('Streams', PAGE.streams),
    p.link('Enumerations', PAGE.enums),
    p.link('Error codes', PAGE.errors),
    p.link('Worked examples', PAGE.examples),
    p.link('JSON messages', PAGE.index, slug('JSON messages')),
    p.link('Binary layouts', PAGE.index, slug('Binary layouts')),
  ]);
  p.heading(2, 'JSON messages');
  p.table(
    ['Message', 'Direction', 'Streams', 'Origin', 'Requires feature'],
    spec.messages.map((m) => [
      p.link(code(m.name), PAGE.message(m.name)),
      directionLabel[m.direction],
      streamLinks(p, m.streams),
      code(m.origin),
      m.requires_feature ? featureLink(p, m.requires_feature) : '—',
    ]),
  );
  p.heading(2, 'Binary layouts');
  p.table(
    ['Layout', 'Flag', 'Direction', 'Streams', 'Origin'],
    spec.layouts.map((l) => [
      p.link(code(l.name), PAGE.layout(l.name)),
      `${code(hex4(l.flagBit))} ${flagLink(p, l.flag)}`,
      directionLabel[l.direction],
      streamLinks(p, l.streams),
      code(l.origin),
    ]),
  );
  return p;
}
