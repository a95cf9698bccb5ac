// layouts/<name>.md: one binary layout, its byte layout per flag combination and its worked examples.
import type { BinaryField, FlagSpec, LayoutSpec, Spec } from '@felix/spec';
import { flagCombinations } from '@felix/spec/interpreter';
import { enumLink, flagLink, limitText, streamLinks } from './cross-links.js';
import { exampleLinks, relations, type Sample, typicalVectors, workedExamples } from './entry-sections.js';
import { FIXED_SIZE, hex4, layoutCombinations, layoutShape, PREFIX_SIZE, presentIn } from './frame-shape.js';
import { code, Page, prose, slug } from './markdown.js';
import { PAGE } from './page-paths.js';
import { directionLabel } from './spec-facts.js';

function sizeText(f: BinaryField): string {
  const fixed = FIXED_SIZE[f.type];
  if (fixed !== undefined) return code(fixed);
  if (f.type === 'list32') return code(`${PREFIX_SIZE.list32} + count × (${PREFIX_SIZE[f.items!]} + n)`);
  return code(`${PREFIX_SIZE[f.type]} + n`);
}

function binaryTypeText(p: Page, f: BinaryField): string {
  const base = f.type === 'list32' ? `${code('list32')} of ${code(f.items!)}` : code(f.type);
  return f.enum ? `${base} (enum ${enumLink(p, f.enum)})` : base;
}

/**
 * Payload offsets per flag combination: a number while every earlier field has a fixed size,
 * `null` once a variable-length field has gone before.
 */
function offsets(spec: Spec, layout: LayoutSpec): Map<BinaryField, Map<number, number | null>> {
  const out = new Map<BinaryField, Map<number, number | null>>(layout.fields.map((f) => [f, new Map()]));
  for (const c of flagCombinations(spec).filter((x) => x.layout.name === layout.name)) {
    let at: number | null = 0;
    for (const f of layout.fields) {
      if (!presentIn(spec, f, c)) continue;
      out.get(f)!.set(c.flags, at);
      const size = FIXED_SIZE[f.type];
      at = at === null || size === undefined ? null : at + size;
    }
  }
  return out;
}

function offsetText(byFlags: Map<number, number | null>): string {
  const groups = new Map<string, number[]>();
  for (const [flags, at] of byFlags) {
    const key = at === null ? 'after previous' : code(at);
    groups.set(key, [...(groups.get(key) ?? []), flags]);
  }
  if (groups.size === 1) return [...groups.keys()][0];
  return [...groups].map(([key, flags]) => `${key} (flags ${flags.map((f) => code(hex4(f))).join(', ')})`).join('; ');
}

export function layoutPage(spec: Spec, l: LayoutSpec, samples: Sample[]): Page {
  const p = new Page(PAGE.layout(l.name));
  const combos = flagCombinations(spec).filter((c) => c.layout.name === l.name);
  p.heading(1, code(l.name));
  p.para(
    `${p.link(prose(spec.protocol.name), PAGE.index)} › ${p.link('Binary layouts', PAGE.index, slug('Binary layouts'))}`,
  );
  p.para(prose(l.doc));
  p.properties([
    ['Flag', `${code(hex4(l.flagBit))} ${flagLink(p, l.flag)}`],
    ['Modifiers', l.modifiers.map((m) => `${code(hex4(m.bit))} ${flagLink(p, m.name)}`).join(', ') || '—'],
    ['Allowed flags', combos.map((c) => code(hex4(c.flags))).join(', ')],
    ['Direction', directionLabel[l.direction]],
    ['Streams', streamLinks(p, l.streams)],
    ['Origin', code(l.origin)],
    ...relations(p, spec, l.name, l.responses),
    ...exampleLinks(p, spec, l.name),
  ]);
  p.heading(2, 'Byte layout');
  const at = offsets(spec, l);
  p.table(
    ['Payload offset', 'Size', 'Field', 'Type', 'Limit', 'Present', 'Description'],
    l.fields.map((f) => [
      offsetText(at.get(f)!),
      sizeText(f),
      code(f.name),
      binaryTypeText(p, f),
      limitText(p, spec, f.limit, f.type === 'list32' ? 'items' : 'bytes'),
      f.when ? `when ${flagLink(p, f.when)} is set` : 'always',
      prose(f.doc),
    ]),
  );
  p.heading(2, 'Byte diagrams');
  for (const c of layoutCombinations(spec, l.name)) {
    p.heading(3, `Flags ${hex4(c.flags)}`);
    p.frame(layoutShape(spec, c), `byte-diagram-${hex4(c.flags).toLowerCase()}`);
  }
  if (l.modifiers.length) {
    p.heading(2, 'Conditions');
    p.table(
      ['Modifier', 'Bit', 'Adds fields', 'Description'],
      l.modifiers.map((m: FlagSpec) => [
        flagLink(p, m.name),
        code(hex4(m.bit)),
        l.fields
          .filter((f) => f.when === m.name)
          .map((f) => code(f.name))
          .join(', ') || '—',
        prose(m.doc),
      ]),
    );
  }
  workedExamples(p, spec, l.name, typicalVectors(samples, 'layout', l.name));
  return p;
}
