// messages/<name>.md: one JSON message, its fields, a sample and its worked examples.
import type { JsonField, MessageSpec, Spec } from '@felix/spec';
import { enumLink, featureLink, limitText, streamLinks } from './cross-links.js';
import { exampleLinks, relations, type Sample, typicalVectors, workedExamples } from './entry-sections.js';
import { hex4, messageShape } from './frame-shape.js';
import { anchorTag, code, Page, prose, rowAnchor, slug } from './markdown.js';
import { PAGE } from './page-paths.js';
import { sampleLines } from './sample-json.js';
import { directionLabel } from './spec-facts.js';

function jsonTypeText(p: Page, spec: Spec, f: JsonField): string {
  const scalar = (t: string) => {
    switch (t) {
      case 'string':
        return 'string';
      case 'bytes':
        return `string (${p.link('base64', PAGE.framing, slug('bytes_in_json'))})`;
      case 'bool':
        return 'boolean';
      case 'u64':
        return `integer (${p.link(code('u64'), PAGE.framing, slug('json_u64'))})`;
      default:
        return `integer (${code(t)})`;
    }
  };
  switch (f.type) {
    case 'enum':
      return `string (enum ${enumLink(p, f.enum!)})`;
    case 'list':
      return `array of ${scalar(f.items!)}`;
    case 'object':
      return 'object';
    case 'oneof':
      return `one of: ${f.variants!.map((v) => jsonTypeText(p, spec, v)).join(' or ')}`;
    default:
      return scalar(f.type);
  }
}

function jsonLimitUnit(f: JsonField): string {
  return f.type === 'list' ? 'items' : 'bytes';
}

function fieldRows(p: Page, spec: Spec, fields: JsonField[], prefix: string, depth: number): string[][] {
  const indent = '&emsp;'.repeat(depth);
  const rows: string[][] = [];
  for (const f of fields) {
    const path = `${prefix}${f.name}`;
    rows.push([
      `${indent}${anchorTag(rowAnchor('field', path))}${code(path)}`,
      jsonTypeText(p, spec, f),
      f.presence,
      limitText(p, spec, f.limit, jsonLimitUnit(f)),
      code(f.origin),
      f.requires_feature ? featureLink(p, f.requires_feature) : '—',
      prose(f.doc),
    ]);
    if (f.fields) rows.push(...fieldRows(p, spec, f.fields, `${path}.`, depth + 1));
    for (const v of f.variants ?? []) {
      rows.push([
        `${'&emsp;'.repeat(depth + 1)}variant ${code(v.name)}`,
        jsonTypeText(p, spec, v),
        '—',
        limitText(p, spec, v.limit, jsonLimitUnit(v)),
        code(v.origin),
        v.requires_feature ? featureLink(p, v.requires_feature) : '—',
        prose(v.doc),
      ]);
      if (v.fields) rows.push(...fieldRows(p, spec, v.fields, `${path}.`, depth + 2));
    }
  }
  return rows;
}

export function messagePage(spec: Spec, m: MessageSpec, samples: Sample[]): Page {
  const p = new Page(PAGE.message(m.name));
  p.heading(1, code(m.name));
  p.para(
    `${p.link(prose(spec.protocol.name), PAGE.index)} › ${p.link('JSON messages', PAGE.index, slug('JSON messages'))}`,
  );
  p.para(prose(m.doc));
  p.properties([
    ['Encoding', `JSON, flags ${code(hex4(0))}, ${code(`"type":${JSON.stringify(m.name)}`)}`],
    ['Direction', directionLabel[m.direction]],
    ['Streams', streamLinks(p, m.streams)],
    ['Origin', code(m.origin)],
    ['Requires feature', m.requires_feature ? featureLink(p, m.requires_feature) : '—'],
    ...relations(p, spec, m.name, m.responses),
    ['Correlation', m.correlation ? code(m.correlation) : '—'],
    ...exampleLinks(p, spec, m.name),
  ]);
  p.heading(2, 'Frame');
  p.frame(messageShape(spec, m.name), 'byte-diagram');
  p.heading(2, 'Fields');
  if (m.fields.length) {
    p.table(
      ['Field', 'JSON type', 'Presence', 'Limit', 'Origin', 'Requires feature', 'Description'],
      fieldRows(p, spec, m.fields, '', 0),
    );
  } else {
    p.para('—');
  }
  p.heading(2, 'Example');
  p.fence('json', sampleLines(spec, m).join('\n'));
  workedExamples(p, spec, m.name, typicalVectors(samples, 'message', m.name));
  return p;
}
