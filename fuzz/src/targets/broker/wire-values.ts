// Values the broker target's frames carry.

/** Every flag and feature, advertised in `auth` so that mutated frames reach every layout and feature gate. */
export { ALL_FEATURES, ALL_FLAGS } from '@felix/testkit';

/** UTF-8 bytes for payloads, keys and values. */
export const text = (s: string) => new TextEncoder().encode(s);
