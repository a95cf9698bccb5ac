// streams.md: stream kinds, how streams make up a session, carriers, the close codes of
// multiplexed carriers, and which message travels on which stream.
import type { Spec } from '@felix/spec';
import { streamLinks, typeLink } from './cross-links.js';
import { hex4 } from './frame-shape.js';
import { anchorTag, code, Page, prose, rowAnchor } from './markdown.js';
import { PAGE } from './page-paths.js';
import { directionLabel, entries } from './spec-facts.js';

export function streamsPage(spec: Spec): Page {
  const p = new Page(PAGE.streams);
  p.heading(1, 'Streams');
  p.heading(2, 'Stream kinds');
  for (const k of spec.stream_kinds) {
    p.heading(3, k.name);
    p.properties([
      ['Opened by', k.opened_by],
      ['Direction', k.direction],
    ]);
    p.para(prose(k.doc));
  }
  p.heading(2, 'Sessions');
  p.para(prose(spec.sessions.doc));
  p.table(
    ['Origin', 'Rule'],
    spec.sessions.rules.map((r) => [code(r.origin), prose(r.doc)]),
  );
  p.heading(2, 'Carriers');
  p.para(prose(spec.carriers.doc));
  p.table(
    ['Carrier', 'Default port', 'How streams map'],
    spec.carriers.list.map((c) => [code(c.name), String(c.default_port), prose(c.doc)]),
  );
  p.heading(2, 'Close codes');
  p.para(prose(spec.close_codes.doc));
  p.table(
    ['Name', 'Value', 'Origin', 'Meaning'],
    [...spec.close_codes.codes]
      .sort((a, b) => a.value - b.value)
      .map((c) => [
        `${anchorTag(rowAnchor('close', c.name))}${code(c.name)}`,
        code(c.value),
        code(c.origin),
        prose(c.doc),
      ]),
  );
  p.heading(2, 'What travels on which stream');
  const kinds = spec.stream_kinds.map((k) => k.name);
  p.table(
    ['Message or layout', 'Encoding', ...kinds.map(code)],
    entries(spec).map((e) => [
      typeLink(p, spec, e.spec.name),
      e.kind === 'message' ? 'JSON' : `binary ${code(hex4(e.spec.flagBit))}`,
      ...kinds.map((k) => (e.spec.streams.includes(k) ? directionLabel[e.spec.direction] : '—')),
    ]),
  );
  p.heading(2, 'Requests and responses');
  p.table(
    ['Request', 'Streams', 'Responses', 'Correlation'],
    entries(spec)
      .filter((e) => e.spec.responses.length)
      .map((e) => [
        typeLink(p, spec, e.spec.name),
        streamLinks(p, e.spec.streams),
        e.spec.responses.map((r) => typeLink(p, spec, r)).join(', '),
        e.kind === 'message' && e.spec.correlation ? code(e.spec.correlation) : '—',
      ]),
  );
  return p;
}
