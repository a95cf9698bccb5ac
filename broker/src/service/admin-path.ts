// The names in an admin request's path: each segment percent-decoded and checked against the
// wire's name format, so a bad one is answered 400 with why.
import { nameProblem } from '@felix/generated';
import { checkName, type NameKind } from '../core/names.js';

/** What a path segment names: a registry name, or a consumer group's. */
export type SegmentKind = NameKind | 'group';

/** The decoded name; throws URIError (not percent-encoded UTF-8) or InvalidNameError. */
export function decodeSegment(what: SegmentKind, raw: string): string {
  let value: string;
  try {
    value = decodeURIComponent(raw);
  } catch {
    throw new URIError(`${what} segment ${JSON.stringify(raw)} is not percent-encoded UTF-8`);
  }
  if (what !== 'group') {
    checkName(what, value);
    return value;
  }
  const problem = nameProblem(value);
  // InvalidNameError's kinds are the registry's; a group's name follows the same format.
  if (problem !== undefined) throw new URIError(`group ${JSON.stringify(value)} ${problem}`);
  return value;
}
