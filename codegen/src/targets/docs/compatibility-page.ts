// compatibility.md: the rules for talking to upstream peers and what this spec adds to upstream.
import type { Spec } from '@felix/spec';
import { enumValueLink, errorLink, featureLink, flagLink, typeLink } from './cross-links.js';
import { flagNames, hex4 } from './frame-shape.js';
import { code, Page, prose, rowAnchor, slug } from './markdown.js';
import { PAGE } from './page-paths.js';
import { walkJson } from './spec-facts.js';

/** Everything whose origin is felix-ts, with where it is described. */
function additions(p: Page, spec: Spec): string[][] {
  const rows: string[][] = [];
  const gate = (feature: string | undefined) => (feature ? featureLink(p, feature) : '—');
  for (const m of spec.messages) {
    if (m.origin === 'felix-ts')
      rows.push(['message', typeLink(p, spec, m.name), gate(m.requires_feature), prose(m.doc)]);
    walkJson(m.fields, '', (f, path) => {
      if (f.origin !== 'felix-ts') return;
      rows.push([
        'field',
        p.link(code(`${m.name}.${path}`), PAGE.message(m.name), rowAnchor('field', path)),
        gate(f.requires_feature ?? m.requires_feature),
        prose(f.doc),
      ]);
    });
  }
  for (const e of Object.values(spec.enums))
    for (const v of e.values)
      if (v.origin === 'felix-ts')
        rows.push(['enum value', enumValueLink(p, e.name, v.name), gate(v.requires_feature), prose(v.doc)]);
  for (const l of spec.layouts)
    if (l.origin === 'felix-ts') rows.push(['layout', typeLink(p, spec, l.name), flagLink(p, l.flag), prose(l.doc)]);
  for (const f of spec.flags)
    if (f.origin === 'felix-ts') rows.push(['flag', flagLink(p, f.name), flagLink(p, f.name), prose(f.doc)]);
  for (const f of spec.capabilities.features)
    if (f.origin === 'felix-ts') rows.push(['feature', featureLink(p, f.name), featureLink(p, f.name), prose(f.doc)]);
  for (const c of spec.errors.codes)
    if (c.origin === 'felix-ts')
      rows.push(['error code', errorLink(p, c.name), featureLink(p, 'ERROR_CODES'), prose(c.doc)]);
  for (const r of spec.sessions.rules)
    if (r.origin === 'felix-ts')
      rows.push(['session rule', p.link('sessions', PAGE.streams, slug('Sessions')), '—', prose(r.doc)]);
  return rows;
}

export function compatibilityPage(spec: Spec): Page {
  const p = new Page(PAGE.compatibility);
  p.heading(1, 'Compatibility');
  p.properties([
    ['Upstream', prose(spec.protocol.upstream.project)],
    ['Reference revision', prose(spec.protocol.upstream.reference)],
    ['Wire version', code(spec.protocol.wire_version)],
    [
      'Original v1 flags',
      `${code(hex4(spec.capabilities.original_v1_flags))} = ${flagNames(spec, spec.capabilities.original_v1_flags)
        .map((n) => flagLink(p, n))
        .join(' | ')}`,
    ],
  ]);
  p.para(prose(spec.protocol.upstream.compatibility));
  p.heading(2, 'Rules');
  p.list(spec.capabilities.rules.map(prose));
  p.para(
    `${p.link('Capability negotiation', PAGE.flags, slug('Capability negotiation'))} explains the exchange; the ${p.link('capability matrix', PAGE.flags, slug('Capability matrix'))} shows what may be sent to which peer.`,
  );
  p.heading(2, 'What this spec adds to upstream');
  p.para(
    'Everything of origin `felix-ts`. An item with a capability in the third column is sent only to a peer that negotiated it; the others are JSON members, which an upstream decoder ignores.',
  );
  p.table(['Kind', 'Name', 'Needs', 'Description'], additions(p, spec));
  p.heading(2, 'Session model');
  p.para(
    `Streams make up a session as upstream's do; the ${p.link('sessions', PAGE.streams, slug('Sessions'))} rules say how, and which of them this spec adds.`,
  );
  p.list(spec.sessions.rules.filter((r) => r.origin === 'upstream').map((r) => prose(r.doc)));
  p.heading(2, 'Known differences of the hosts');
  p.para('Where a host of this implementation cannot do what upstream does, and what it does instead.');
  p.table(
    ['Host', 'Carrier', 'Difference'],
    spec.sessions.known_differences.map((d) => [code(d.host), code(d.carrier), prose(d.doc)]),
  );
  p.heading(2, "Upstream's later revisions");
  p.para(prose(spec.protocol.upstream.later));
  return p;
}
