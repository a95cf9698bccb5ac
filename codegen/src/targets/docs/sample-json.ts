// Sample JSON for the message pages.
import type { JsonField, MessageSpec, Spec } from '@felix/spec';
import { walkJson } from './spec-facts.js';

/**
 * Sample values come from the field types alone: strings are the field's own name, bytes the
 * base64 of that name, integers count up in field order, enums take their first value. That
 * keeps samples deterministic, valid (within limits) and free of hand-written per-message data.
 */
function sampleJson(spec: Spec, fields: JsonField[], variant: number, counter: { n: number }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f.name] = sampleField(spec, f, f.name, variant, counter);
  return out;
}

function sampleScalar(type: string, name: string, limitBytes: number | undefined, counter: { n: number }): unknown {
  switch (type) {
    case 'string':
      return limitBytes === undefined ? name : name.slice(0, limitBytes);
    case 'bytes':
      return Buffer.from(name, 'utf8').toString('base64');
    case 'bool':
      return true;
    default:
      return counter.n++;
  }
}

function sampleField(spec: Spec, f: JsonField, name: string, variant: number, counter: { n: number }): unknown {
  const limit = f.limit ? spec.limits[f.limit].value : undefined;
  switch (f.type) {
    case 'enum':
      return spec.enums[f.enum!].values[0].name;
    case 'list':
      return limit === 0 ? [] : [sampleScalar(f.items!, name, undefined, counter)];
    case 'object':
      return sampleJson(spec, f.fields!, variant, counter);
    case 'oneof': {
      const variants = f.variants!;
      return sampleField(spec, variants[Math.min(variant, variants.length - 1)], name, variant, counter);
    }
    default:
      return sampleScalar(f.type, name, limit, counter);
  }
}

function maxVariants(fields: JsonField[]): number {
  let n = 1;
  walkJson(fields, '', (f) => {
    n = Math.max(n, f.variants?.length ?? 1);
  });
  return n;
}

/** One line per oneof variant (all on the first variant when there are none), encoder order. */
export function sampleLines(spec: Spec, m: MessageSpec): string[] {
  return Array.from({ length: maxVariants(m.fields) }, (_, variant) =>
    JSON.stringify({ type: m.name, ...sampleJson(spec, m.fields, variant, { n: 1 }) }),
  );
}
