// flags.md: flag bits, the combinations allowed, and capability negotiation.
import type { Spec } from '@felix/spec';
import { type FlagCombination, flagCombinations } from '@felix/spec/interpreter';
import { enumValueLink, errorLink, featureLink, flagLink } from './cross-links.js';
import { flagNames, hex4 } from './frame-shape.js';
import { anchorTag, code, Page, prose, rowAnchor, slug } from './markdown.js';
import { PAGE } from './page-paths.js';
import { walkJson } from './spec-facts.js';

function combinationRow(p: Page, spec: Spec, c: FlagCombination): string[] {
  const added = c.layout.fields.filter((f) => f.when && flagNames(spec, c.modifierBits).includes(f.when));
  return [
    code(hex4(c.flags)),
    flagNames(spec, c.flags)
      .map((n) => flagLink(p, n))
      .join(' | '),
    p.link(code(c.layout.name), PAGE.layout(c.layout.name)),
    added.length ? added.map((f) => code(f.name)).join(', ') : '—',
  ];
}

function flagMatrix(p: Page, spec: Spec): void {
  const layouts = spec.flags.filter((f) => f.role === 'layout');
  const modifiers = spec.flags.filter((f) => f.role === 'modifier');
  const allowed = new Set(flagCombinations(spec).map((c) => c.flags));
  const cellFor = (bits: number) => (allowed.has(bits) ? code(hex4(bits)) : errorLink(p, 'invalid_flags'));
  p.table(
    ['Layout flag', 'alone', ...modifiers.map((m) => `+ ${flagLink(p, m.name)}`)],
    layouts.map((l) => [flagLink(p, l.name), cellFor(l.bit), ...modifiers.map((m) => cellFor(l.bit | m.bit))]),
  );
}

function capabilityMatrix(p: Page, spec: Spec): void {
  const v1 = spec.capabilities.original_v1_flags;
  const yes = 'sent';
  const no = 'never sent';
  const flagRows = [...spec.flags]
    .sort((a, b) => a.bit - b.bit)
    .map((f) => [`flag ${flagLink(p, f.name)}`, code(hex4(f.bit)), f.bit & v1 ? yes : no, yes, no]);
  const featureRows = [...spec.capabilities.features]
    .sort((a, b) => a.bit - b.bit)
    .map((f) => [`feature ${featureLink(p, f.name)}`, code(hex4(f.bit)), 'never used', 'used', 'never used']);
  p.table(
    [
      'Capability',
      'Bit',
      'to a peer that advertised nothing (upstream v1)',
      'to a peer that advertised it',
      'to a peer that advertised others but not it',
    ],
    [...flagRows, ...featureRows],
  );
}

export function flagsPage(spec: Spec): Page {
  const p = new Page(PAGE.flags);
  p.heading(1, 'Flags and capabilities');
  const flagsHeader = spec.frame.header.find((h) => h.name === 'flags');
  if (flagsHeader) p.para(prose(flagsHeader.doc));
  p.heading(2, 'Flag bits');
  p.table(
    ['Bit', 'Name', 'Role', 'Layout / modifies', 'Origin', 'Original v1', 'Description'],
    [...spec.flags]
      .sort((a, b) => a.bit - b.bit)
      .map((f) => [
        code(hex4(f.bit)),
        `${anchorTag(rowAnchor('flag', f.name))}${code(f.name)}`,
        f.role,
        f.role === 'layout'
          ? p.link(code(f.layout!), PAGE.layout(f.layout!))
          : (f.modifies ?? []).map((m) => flagLink(p, m)).join(', '),
        code(f.origin),
        f.original_v1 ? 'yes' : 'no',
        prose(f.doc),
      ]),
  );
  p.heading(2, 'Allowed flag combinations');
  p.table(
    ['Flags', 'Bits set', 'Payload', 'Fields added by modifiers'],
    [
      [code(hex4(0)), '—', p.link('JSON message', PAGE.index, slug('JSON messages')), '—'],
      ...flagCombinations(spec).map((c) => combinationRow(p, spec, c)),
    ],
  );
  p.heading(2, 'Flag matrix');
  p.para(
    `Each layout flag alone and with each modifier: the flags value where the combination is allowed, ${errorLink(p, 'invalid_flags')} where it is not.`,
  );
  flagMatrix(p, spec);
  p.heading(2, 'Capability negotiation');
  p.para(prose(spec.capabilities.doc));
  p.para(
    `The rules a peer follows are listed under ${p.link('compatibility rules', PAGE.compatibility, slug('Rules'))}.`,
  );
  p.heading(3, 'Capability matrix');
  p.para(
    'Which flags a peer may set on the frames it sends, and which features it may use, by what the other side advertised in `auth` / `auth_ok`.',
  );
  capabilityMatrix(p, spec);
  p.heading(3, 'Original v1 flags');
  const v1 = spec.capabilities.original_v1_flags;
  p.para(
    `${code(hex4(v1))} = ${flagNames(spec, v1)
      .map((n) => flagLink(p, n))
      .join(' | ')}`,
  );
  p.heading(3, 'Features');
  p.table(
    ['Bit', 'Name', 'Origin', 'Description', 'Gates'],
    [...spec.capabilities.features]
      .sort((a, b) => a.bit - b.bit)
      .map((f) => {
        const gated: string[] = [];
        for (const m of spec.messages) {
          if (m.requires_feature === f.name) gated.push(p.link(code(m.name), PAGE.message(m.name)));
          walkJson(m.fields, '', (field, path) => {
            if (field.requires_feature === f.name)
              gated.push(p.link(code(`${m.name}.${path}`), PAGE.message(m.name), rowAnchor('field', path)));
          });
        }
        for (const e of Object.values(spec.enums))
          for (const v of e.values) if (v.requires_feature === f.name) gated.push(enumValueLink(p, e.name, v.name));
        return [
          code(hex4(f.bit)),
          `${anchorTag(rowAnchor('feature', f.name))}${code(f.name)}`,
          code(f.origin),
          prose(f.doc),
          gated.join(', ') || '—',
        ];
      }),
  );
  return p;
}
