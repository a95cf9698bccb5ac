// What a permission check is asked about: one concrete tenant, namespace, stream or cache, kept
// as separate names rather than a joined string so a check never has to parse anything.

export type Resource =
  | { kind: 'tenant'; tenant: string }
  | { kind: 'namespace'; tenant: string; namespace: string }
  | { kind: 'stream'; tenant: string; namespace: string; name: string }
  | { kind: 'cache'; tenant: string; namespace: string; name: string };

export type ResourceKind = Resource['kind'];

/** The canonical object string of upstream's grammar, e.g. `stream:t1/default/orders`. */
export function formatResource(resource: Resource): string {
  switch (resource.kind) {
    case 'tenant':
      return `tenant:${resource.tenant}`;
    case 'namespace':
      return `namespace:${resource.tenant}/${resource.namespace}`;
    case 'stream':
    case 'cache':
      return `${resource.kind}:${resource.tenant}/${resource.namespace}/${resource.name}`;
  }
}

/** The text of a refusal, e.g. `forbidden: stream.publish on stream:t1/default/orders`. */
export function forbiddenMessage(action: string, resource: Resource): string {
  return `forbidden: ${action} on ${formatResource(resource)}`;
}
