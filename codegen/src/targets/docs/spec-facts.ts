// Facts derived from the spec that several reference pages show: who answers whom, which
// pages use a limit, enum or feature, and every JSON field with its dotted path.
import type { BinaryField, Direction, ExampleSpec, JsonField, LayoutSpec, MessageSpec, Spec } from '@felix/spec';

export const directionLabel: Record<Direction, string> = {
  client_to_server: 'client → server',
  server_to_client: 'server → client',
  both: 'both ways',
};

type Entry = { kind: 'message'; spec: MessageSpec } | { kind: 'layout'; spec: LayoutSpec };

export function entries(spec: Spec): Entry[] {
  return [
    ...spec.messages.map((m) => ({ kind: 'message', spec: m }) as Entry),
    ...spec.layouts.map((l) => ({ kind: 'layout', spec: l }) as Entry),
  ];
}

/** Which messages/layouts list `name` among their responses. */
export function answering(spec: Spec, name: string): string[] {
  return entries(spec)
    .filter((e) => e.spec.responses.includes(name))
    .map((e) => e.spec.name);
}

export function examplesOf(spec: Spec, name: string): ExampleSpec[] {
  return spec.examples.filter((e) => e.value.type === name);
}

/** Every JSON field reachable from a message, with its dotted path. */
export function walkJson(fields: JsonField[], prefix: string, visit: (f: JsonField, path: string) => void): void {
  for (const f of fields) {
    const path = `${prefix}${f.name}`;
    visit(f, path);
    if (f.fields) walkJson(f.fields, `${path}.`, visit);
    for (const v of f.variants ?? []) if (v.fields) walkJson(v.fields, `${path}.`, visit);
  }
}

/** Pages that use a limit / enum / feature, in spec order, each once. */
export function users(spec: Spec, uses: (f: JsonField | BinaryField) => boolean): string[] {
  const out: string[] = [];
  for (const m of spec.messages) {
    let hit = false;
    walkJson(m.fields, '', (f) => {
      if (uses(f)) hit = true;
      for (const v of f.variants ?? []) if (uses(v)) hit = true;
    });
    if (hit) out.push(m.name);
  }
  for (const l of spec.layouts) if (l.fields.some(uses)) out.push(l.name);
  return out;
}
