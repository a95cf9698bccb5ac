// Values the broker target's frames carry.

/** Every flag and feature, advertised in `auth` so that mutated frames reach every layout and feature gate. */
export const ALL_FLAGS = 0x3f;
export const ALL_FEATURES = 0x4 | 0x800 | 0x10000;

/** UTF-8 bytes for payloads, keys and values. */
export const text = (s: string) => new TextEncoder().encode(s);
