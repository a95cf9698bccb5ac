// The auth frame itself: well-formed ones for a token, and ones written as raw JSON with the
// tenant_id, token and flag fields mutated past what the encoder would write. What the broker
// reads from a frame is what the generated decoder reads, so each attempt carries that.
import { type Auth, decodeFrame, encodeFrame, FEATURES, frameBytes, isWireError } from '@felix/generated';
import { ALL_FEATURES, ALL_FLAGS } from '@felix/testkit';
import type { Rng } from '../../rng.js';

export interface AuthAttempt {
  frame: Uint8Array;
  /** What was done to the frame, for reports. */
  label: string;
  /** The auth the broker reads from it, or why it reads none. */
  reads: { auth: Auth } | { notAuth: string };
}

/** Whether a refusal of this auth must carry the typed code `unauthenticated`. */
export function wantsTypedErrors(auth: Auth): boolean {
  return auth.client_flags !== undefined && ((auth.client_features ?? 0) & FEATURES.ERROR_CODES) !== 0;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

function reads(frame: Uint8Array): AuthAttempt['reads'] {
  try {
    const m = decodeFrame(frame);
    return m.type === 'auth' ? { auth: m } : { notAuth: `a ${m.type} frame` };
  } catch (err) {
    if (isWireError(err)) return { notAuth: `undecodable: ${err.code}` };
    throw err;
  }
}

/** A well-formed auth; the token may be over the wire limit, which the encoder refuses, so then it is written raw. */
export function authAttempt(tenant: string, token: string, legacy = false): AuthAttempt {
  const message: Auth = {
    type: 'auth',
    tenant_id: tenant,
    token,
    client_flags: legacy ? undefined : ALL_FLAGS,
    client_features: legacy ? undefined : ALL_FEATURES,
  };
  let frame: Uint8Array;
  try {
    frame = encodeFrame(message);
  } catch (err) {
    if (!isWireError(err)) throw err;
    frame = frameBytes(0, utf8(JSON.stringify(message)));
  }
  return { frame, label: legacy ? 'legacy auth' : 'auth', reads: reads(frame) };
}

const TENANT_IDS = [
  '""',
  '"/"',
  '"t1/"',
  '"t1/default"',
  '"."',
  '".."',
  '"T1"',
  '" t1"',
  '"t1\\u0000"',
  '"t1\\n"',
  '"t\\u0085"',
  '"t\u00fc"',
  '"t3"',
  '"t2"',
  `"${'t'.repeat(256)}"`,
  '42',
  'null',
  '["t1"]',
  '{"t1":true}',
];
const TOKENS = ['42', 'null', '[]', '{}', '""', 'true', `"${'e'.repeat(9000)}"`];
const FLAGS = ['-1', '65536', '"x"', '1.5', 'null', '0', '4294967296'];

/** An auth frame in raw JSON with one or two fields made odd. */
export function mutatedAuthAttempt(rng: Rng, tenant: string, token: string): AuthAttempt {
  const members: [string, string][] = [
    ['type', '"auth"'],
    ['tenant_id', JSON.stringify(tenant)],
    ['token', JSON.stringify(token)],
    ['client_flags', String(ALL_FLAGS)],
    ['client_features', String(ALL_FEATURES)],
  ];
  const what: string[] = [];
  const mutations = 1 + rng.below(2);
  for (let i = 0; i < mutations; i++) {
    const r = rng.below(9);
    const field = [
      'tenant_id',
      'tenant_id',
      'tenant_id',
      'token',
      'token',
      'client_flags',
      'client_features',
      'type',
      'all',
    ][r];
    if (field === 'all') {
      // A member twice: the decoder's reading (JSON.parse keeps the last) is what counts.
      const copy = rng.pick(members);
      members.unshift([copy[0], rng.pick([...TENANT_IDS, ...TOKENS])]);
      what.push(`${copy[0]} twice`);
      continue;
    }
    const at = members.findIndex(([k]) => k === field);
    if (at < 0 || rng.chance(0.15)) {
      if (at >= 0) members.splice(at, 1);
      what.push(`no ${field}`);
      continue;
    }
    const value =
      field === 'tenant_id'
        ? rng.pick(TENANT_IDS)
        : field === 'token'
          ? rng.pick([...TOKENS, JSON.stringify(` ${token}`), JSON.stringify(`${token}\u0000`)])
          : field === 'type'
            ? rng.pick(['"AUTH"', '"auth "', '"Auth"', '"auth_ok"', 'null', '1'])
            : rng.pick(FLAGS);
    members[at] = [field, value];
    what.push(`${field} ${value.slice(0, 20)}`);
  }
  if (rng.chance(0.1)) members.push(['extra', '{"nested":[[[{"a":1}]]]}']);
  const text = `{${members.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;
  const frame = frameBytes(0, utf8(text));
  return { frame, label: `frame: ${what.join(', ')}`, reads: reads(frame) };
}
