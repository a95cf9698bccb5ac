// The one rule for tenant, namespace, stream and cache names (spec formats.name, generated into
// @felix/generated), applied to names that do not come off the wire: the config file, the
// admin API and the registry itself.
import { nameProblem } from '@felix/generated';

export type NameKind = 'tenant' | 'namespace' | 'stream' | 'cache';

/** JSON quoting with DEL and C1 escaped too, so no control character breaks the message's line. */
export function quote(value: string): string {
  return JSON.stringify(value).replace(
    /[\u007f-\u009f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export class InvalidNameError extends Error {
  readonly code = 'invalid_name';
  constructor(
    readonly kind: NameKind,
    readonly value: string,
    problem: string,
  ) {
    super(`${kind} ${quote(value)} ${problem}`);
    this.name = 'InvalidNameError';
  }
}

/** Throws InvalidNameError unless `value` is a valid name. */
export function checkName(kind: NameKind, value: string): void {
  const problem = nameProblem(value);
  if (problem !== undefined) throw new InvalidNameError(kind, value, problem);
}
