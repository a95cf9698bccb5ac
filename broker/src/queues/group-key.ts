// What names a consumer group: its stream's tenant, namespace and name, and its own name.

export interface GroupKey {
  tenant: string;
  namespace: string;
  stream: string;
  group: string;
}

/** One string per group, for maps. Names never hold a NUL, so the join is unambiguous. */
export function groupId(key: GroupKey): string {
  return `${key.tenant}\u0000${key.namespace}\u0000${key.stream}\u0000${key.group}`;
}

/** For people: tenant/namespace/stream#group. */
export function groupLabel(key: GroupKey): string {
  return `${key.tenant}/${key.namespace}/${key.stream}#${key.group}`;
}
