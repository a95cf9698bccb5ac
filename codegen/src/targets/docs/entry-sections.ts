// What a message page and a layout page both show: the requests and responses around the
// type, links to its worked examples, and the annotated hex of its vectors and examples.
import type { Spec } from '@felix/spec';
import { interpretEncode } from '@felix/spec/interpreter';
import type { positiveSamples } from '../../vectors/samples.js';
import { annotatedHex } from './annotated-hex.js';
import { typeLink } from './cross-links.js';
import { code, type Page, prose, slug } from './markdown.js';
import { PAGE } from './page-paths.js';
import { answering, examplesOf } from './spec-facts.js';

export function relations(p: Page, spec: Spec, name: string, responses: string[]): [string, string][] {
  const answers = answering(spec, name);
  return [
    ['Responses', responses.map((r) => typeLink(p, spec, r)).join(', ') || '—'],
    ['Answers', answers.map((r) => typeLink(p, spec, r)).join(', ') || '—'],
  ];
}

export function exampleLinks(p: Page, spec: Spec, name: string): [string, string][] {
  const list = examplesOf(spec, name);
  return list.length
    ? [['Worked examples', list.map((e) => p.link(e.name, PAGE.examples, slug(e.name))).join(', ')]]
    : [];
}

export type Sample = ReturnType<typeof positiveSamples>[number];

/** The typical conformance vectors of one message or layout (one per flag combination). */
export function typicalVectors(samples: Sample[], kind: 'message' | 'layout', name: string): Sample[] {
  return samples.filter((s) => s.tags.includes(`${kind}:${name}`) && s.tags.includes('boundary:typical'));
}

/** Annotated hex of the typical vectors and of the spec's worked examples of this type. */
export function workedExamples(p: Page, spec: Spec, name: string, vectors: Sample[]): void {
  p.heading(2, 'Worked examples');
  for (const v of vectors) {
    p.heading(3, v.name);
    p.para(`Conformance vector ${code(`conformance/vectors/${v.name}.json`)}: ${prose(v.description)}.`);
    p.fence('text', annotatedHex(spec, interpretEncode(spec, v.value), v.name));
  }
  for (const ex of examplesOf(spec, name)) {
    p.heading(3, ex.name);
    p.para(`${prose(ex.doc)} (${p.link('with its value', PAGE.examples, slug(ex.name))})`);
    p.fence('text', annotatedHex(spec, Buffer.from(ex.hex, 'hex'), ex.name));
  }
}
