// Tokens to present at auth: valid ones with random permissions (signed with the broker's own
// dev key), and attacks on every part of one: claims of odd types, sizes and times, swapped
// algorithms, other kids and keys, damaged bytes, base64url and segments. Claims are written
// as raw JSON text, so values JSON.stringify cannot produce (1e400, duplicate members) occur too.
import type { Rng } from '../../rng.js';
import { b64url, type Ed25519Key, signEd25519, signHs256, signingInput } from './compact-jws.js';
import { randomPermissions } from './permission-strings.js';
import { AUDIENCE, ISSUER } from './token-judge.js';

export interface ForgedToken {
  token: string;
  /** What was done to it, for reports and counts: `family: detail`. */
  label: string;
  /** The tenant its claims name, which the session usually authenticates for. */
  tid: string;
  /** The text holds duplicate JSON members, which a verifier may refuse or read last-wins. */
  lenient?: boolean;
}

/** JSON members in order, each a name and its value as raw JSON text. */
type Members = [string, string][];

const json = (members: Members) => `{${members.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;
const str = (s: string) => JSON.stringify(s);

function set(members: Members, name: string, value: string): Members {
  const i = members.findIndex(([k]) => k === name);
  if (i < 0) return [...members, [name, value]];
  return members.map((m, j) => (j === i ? [name, value] : m));
}

const without = (members: Members, name: string): Members => members.filter(([k]) => k !== name);

/** Values of the wrong type or shape for any claim. */
const ODD_VALUES = [
  'null',
  'true',
  'false',
  '0',
  '-1',
  '""',
  '" "',
  '"x"',
  '[]',
  '{}',
  '[null]',
  '[[["t1"]]]',
  '{"$ne":null}',
  '1e400',
  '-1e400',
  '1.5',
  '-0',
  '"600"',
  '"t1"',
  '["t1"]',
  '["felix-broker"]',
  '["other","felix-broker"]',
  '"felix-broker "',
  '"Felix-Auth"',
  '"tenant.manage:tenant:t1"',
  '["tenant.manage:tenant:t1"]',
  str('\u0000'),
  str('t1\u0000'),
];

const CLAIMS = ['iss', 'aud', 'sub', 'tid', 'exp', 'nbf', 'iat', 'jti', 'perms'];

/** Algorithms other than EdDSA, and near spellings of it. */
const OTHER_ALGS = [
  '"none"',
  '"None"',
  '"NONE"',
  '"HS256"',
  '"RS256"',
  '"ES256"',
  '"PS256"',
  '"Ed25519"',
  '"Ed448"',
  '"eddsa"',
  '"EDDSA"',
  '"EdDSA "',
  '" EdDSA"',
  '"EdDSA\\u0000"',
  '""',
  'null',
  '1',
  '["EdDSA"]',
  '{"alg":"EdDSA"}',
];

export class TokenForge {
  constructor(
    /** The broker's dev key. */
    private readonly key: Ed25519Key,
    /** A key the broker does not trust. */
    private readonly stranger: Ed25519Key,
    private readonly rng: Rng,
    private readonly leewaySec: number,
  ) {}

  /** One token; most are valid, so most sessions get to the permission checks. */
  next(): ForgedToken {
    const r = this.rng.below(100);
    if (r < 40) return this.valid();
    if (r < 52) return this.oddClaims();
    if (r < 62) return this.times();
    if (r < 69) return this.algorithms();
    if (r < 74) return this.kids();
    if (r < 79) return this.headers();
    if (r < 82) return this.foreignKey();
    if (r < 90) return this.flippedBytes();
    if (r < 95) return this.damagedBase64();
    return this.segments();
  }

  /** A valid token for `tid` with random permissions, signed with the broker's key. */
  valid(tid = this.tenant()): ForgedToken {
    let members = this.claims(tid);
    if (this.rng.chance(0.2)) members = set(members, 'nbf', String(this.nowSec() - this.rng.below(600)));
    if (this.rng.chance(0.2)) members = set(members, 'jti', str(`j-${this.rng.u32().toString(36)}`));
    if (this.rng.chance(0.1)) members = set(members, 'aud', '["felix-broker","elsewhere"]');
    if (this.rng.chance(0.1)) members = without(members, 'iat');
    return this.signed('valid', tid, this.header(), members);
  }

  /** A valid token for `tid` with exactly `perms`. */
  withPermissions(tid: string, perms: readonly unknown[]): ForgedToken {
    return this.signed('valid', tid, this.header(), set(this.claims(tid), 'perms', JSON.stringify(perms)));
  }

  private nowSec(): number {
    return Math.floor(Date.now() / 1000);
  }

  private tenant(): string {
    return this.rng.chance(0.7) ? 't1' : this.rng.chance(0.7) ? 't2' : 't3';
  }

  private header(): Members {
    return [
      ['alg', '"EdDSA"'],
      ['kid', str(this.key.kid)],
      ['typ', '"JWT"'],
    ];
  }

  private claims(tid: string): Members {
    const now = this.nowSec();
    return [
      ['iss', str(ISSUER)],
      ['aud', str(AUDIENCE)],
      ['sub', str(`p:fuzz-${this.rng.u32().toString(36)}`)],
      ['tid', str(tid)],
      ['iat', String(now)],
      ['exp', String(now + 600 + this.rng.below(3600))],
      ['perms', JSON.stringify(randomPermissions(this.rng))],
    ];
  }

  private signed(label: string, tid: string, header: Members | string, claims: Members | string, lenient = false) {
    const input = signingInput(
      typeof header === 'string' ? header : json(header),
      typeof claims === 'string' ? claims : json(claims),
    );
    return { token: `${input}.${signEd25519(input, this.key.privateKey)}`, label, tid, lenient };
  }

  private oddClaims(): ForgedToken {
    const tid = this.tenant();
    let members = this.claims(tid);
    const { rng } = this;
    switch (rng.below(8)) {
      case 0: {
        const name = rng.pick(CLAIMS);
        const value = rng.pick(ODD_VALUES);
        return this.signed(`claims: ${name} ${value.slice(0, 24)}`, tid, this.header(), set(members, name, value));
      }
      case 1: {
        const name = rng.pick(CLAIMS);
        return this.signed(`claims: no ${name}`, tid, this.header(), without(members, name));
      }
      case 2: {
        // The same member twice: a verifier either refuses the token or reads the last one.
        const name = rng.pick(CLAIMS);
        const value = rng.pick([...ODD_VALUES, str('t2'), '["tenant.manage:tenant:t1"]', String(this.nowSec() - 60)]);
        const twice: Members = rng.chance(0.5) ? [[name, value], ...members] : [...members, [name, value]];
        return this.signed(`claims: ${name} twice`, tid, this.header(), twice, true);
      }
      case 3: {
        // Deeply nested JSON in a claim the broker does not read, and in perms.
        const depth = 1 + rng.below(2500);
        const nested = `${'['.repeat(depth)}${']'.repeat(depth)}`;
        members = rng.chance(0.5)
          ? set(members, 'x', nested)
          : set(members, 'perms', `[${nested},"stream.publish:stream:t1/default/orders"]`);
        return this.signed('claims: nested', tid, this.header(), members);
      }
      case 4: {
        // Near and over the wire's token limit (the payload grows by a third in base64url).
        const size = rng.pick([1000, 4000, 5800, 6000, 6200, 9000]);
        return this.signed(
          `claims: ${size}-byte claim`,
          tid,
          this.header(),
          set(members, 'pad', str('p'.repeat(size))),
        );
      }
      case 5: {
        // Permissions hidden where only a prototype-polluting reader would find them.
        const grant = `{"perms":["tenant.manage:tenant:${tid}"]}`;
        members = rng.chance(0.5)
          ? set(without(members, 'perms'), '__proto__', grant)
          : set(members, 'constructor', `{"prototype":${grant}}`);
        return this.signed('claims: __proto__', tid, this.header(), members);
      }
      case 6: {
        const tidValue = rng.pick([
          '"T1"',
          '"t1 "',
          '" t1"',
          str('t1\u0000'),
          '"t\uff11"',
          '"t1/default"',
          '"*"',
          '""',
          '"t2"',
        ]);
        return this.signed(`claims: tid ${tidValue}`, tid, this.header(), set(members, 'tid', tidValue));
      }
      default: {
        // Claims that are not an object at all.
        const payload = rng.pick([
          '[]',
          '"x"',
          'null',
          '1',
          json(members).slice(0, -1),
          `${json(members)} `,
          `${json(members)}x`,
          '\ufeff{}',
        ]);
        return this.signed('claims: not an object', tid, this.header(), payload);
      }
    }
  }

  private times(): ForgedToken {
    const { rng } = this;
    const tid = this.tenant();
    const now = this.nowSec();
    const expiredAt = now - this.leewaySec;
    const claim = rng.pick(['exp', 'exp', 'nbf', 'iat']);
    const value = rng.pick([
      String(now + 1 + rng.below(4)), // valid, and expiring while the session runs
      String(expiredAt + rng.below(11) - 5),
      String(now + this.leewaySec + rng.below(11) - 5),
      String(now - 3600),
      String(now + 3600),
      `${now + 600}.5`,
      `${now - 600}.999`,
      `${now + 600}e0`,
      `${(now + 600) / 1000}e3`,
      '0',
      '-0',
      '-1',
      '-1e300',
      '1e300',
      '1e400',
      '-1e400',
      '9007199254740993',
      '1.7976931348623157e308',
      '5e-324',
      `"${now + 600}"`,
      'null',
      '[1]',
    ]);
    return this.signed(`time: ${claim} ${value}`, tid, this.header(), set(this.claims(tid), claim, value));
  }

  private algorithms(): ForgedToken {
    const { rng } = this;
    const tid = this.tenant();
    const claims = json(this.claims(tid));
    const alg = rng.pick(OTHER_ALGS);
    const header = json(set(this.header(), 'alg', alg));
    const input = signingInput(header, claims);
    const label = `alg: ${alg}`;
    switch (rng.below(4)) {
      case 0:
        return { token: `${input}.`, label: `${label} unsigned`, tid };
      case 1: {
        // Signed as HS256 with what a confused verifier would use as the secret: the public key.
        const secret = rng.pick<Uint8Array | string>([
          this.key.rawPublic,
          String(this.key.publicJwk.x),
          JSON.stringify(this.key.publicJwk),
          '',
        ]);
        return { token: `${input}.${signHs256(input, secret)}`, label: `${label} HMAC with the public key`, tid };
      }
      case 2: {
        // The EdDSA signature of the original header, the header swapped afterwards.
        const good = signingInput(json(this.header()), claims);
        return { token: `${input}.${signEd25519(good, this.key.privateKey)}`, label: `${label} old signature`, tid };
      }
      default:
        return {
          token: `${input}.${signEd25519(input, this.key.privateKey)}`,
          label: `${label} signed by the key`,
          tid,
        };
    }
  }

  private kids(): ForgedToken {
    const { kid } = this.key;
    const value = this.rng.pick([
      '""',
      'null',
      '123',
      '["kid"]',
      str(`${kid}x`),
      str(kid.slice(0, -1)),
      str(kid.toUpperCase() === kid ? kid.toLowerCase() : kid.toUpperCase()),
      str(` ${kid}`),
      str(`${kid}\u0000`),
      str(this.stranger.kid),
      str('k'.repeat(3000)),
      str('../../../../etc/passwd'),
      str('%00'),
    ]);
    const tid = this.tenant();
    const header =
      value === 'null' && this.rng.chance(0.5) ? without(this.header(), 'kid') : set(this.header(), 'kid', value);
    return this.signed(`kid: ${value.slice(0, 24)}`, tid, header, this.claims(tid));
  }

  private headers(): ForgedToken {
    const { rng } = this;
    const tid = this.tenant();
    const claims = this.claims(tid);
    const base = this.header();
    switch (rng.below(6)) {
      case 0: {
        const [crit, b64] = rng.pick([
          ['["b64"]', 'true'],
          ['["b64"]', 'false'],
          ['["b64"]', undefined],
          ['["exp"]', undefined],
          ['["x-felix"]', undefined],
          ['[]', undefined],
          ['"b64"', 'true'],
          ['[""]', undefined],
        ] as const);
        let header = set(base, 'crit', crit);
        if (b64 !== undefined) header = set(header, 'b64', b64);
        return this.signed(`header: crit ${crit} b64 ${b64}`, tid, header, claims);
      }
      case 1: {
        // The attacker's own key embedded in the header, and the token signed with it.
        const header = json(set(base, 'jwk', JSON.stringify(this.stranger.publicJwk)));
        const input = signingInput(header, json(claims));
        return {
          token: `${input}.${signEd25519(input, this.stranger.privateKey)}`,
          label: 'header: embedded jwk',
          tid,
        };
      }
      case 2: {
        const [name, value] = rng.pick([
          ['jku', '"http://127.0.0.1:1/jwks.json"'],
          ['x5u', '"http://127.0.0.1:1/cert.pem"'],
          ['x5c', '["MIIB"]'],
          ['typ', '"at+jwt"'],
          ['typ', 'null'],
          ['cty', '"JWT"'],
          ['zip', '"DEF"'],
          ['enc', '"A256GCM"'],
        ] as const);
        return this.signed(`header: ${name}`, tid, set(base, name, value), claims);
      }
      case 3: {
        // alg twice: a last-wins reader sees EdDSA, a first-wins one "none".
        const header = `{"alg":"none",${json(base).slice(1)}`;
        return this.signed('header: alg twice', tid, header, claims, true);
      }
      case 4: {
        const header = rng.pick(['[]', '"EdDSA"', 'null', '{}', '', json(base).slice(0, -1), '\ufeff{"alg":"EdDSA"}']);
        return this.signed('header: not an object', tid, header, claims);
      }
      default:
        return this.signed('header: huge', tid, set(base, 'x', str('h'.repeat(rng.below(7000)))), claims);
    }
  }

  private foreignKey(): ForgedToken {
    const tid = this.tenant();
    const kid = this.rng.chance(0.5) ? this.key.kid : this.stranger.kid;
    const input = signingInput(json(set(this.header(), 'kid', str(kid))), json(this.claims(tid)));
    const label = `key: a stranger's, kid ${kid === this.key.kid ? "the broker's" : 'its own'}`;
    return { token: `${input}.${signEd25519(input, this.stranger.privateKey)}`, label, tid };
  }

  /** A valid token with characters (or the bytes under them) changed in one segment. */
  private flippedBytes(): ForgedToken {
    const { rng } = this;
    const good = this.valid();
    const parts = good.token.split('.');
    const which = rng.below(3);
    const name = ['header', 'payload', 'signature'][which];
    if (rng.chance(0.5)) {
      const part = parts[which];
      const at = rng.below(part.length);
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      parts[which] = part.slice(0, at) + rng.pick([...alphabet]) + part.slice(at + 1);
    } else {
      const bytes = Buffer.from(parts[which], 'base64url');
      const flips = 1 + rng.below(3);
      for (let i = 0; i < flips && bytes.length; i++) bytes[rng.below(bytes.length)] ^= 1 << rng.below(8);
      parts[which] = b64url(bytes);
    }
    return { token: parts.join('.'), label: `bytes: ${name}`, tid: good.tid };
  }

  /** Base64url broken: characters of other alphabets, padding, whitespace, lengths no encoder makes. */
  private damagedBase64(): ForgedToken {
    const { rng } = this;
    const tid = this.tenant();
    const header = b64url(json(this.header()));
    const payload = b64url(json(this.claims(tid)));
    const which = rng.below(3);
    const damage = (part: string): [string, string] => {
      const at = rng.below(part.length + 1);
      switch (rng.below(5)) {
        case 0: {
          const c = rng.pick(['=', '+', '/', ' ', '\n', '\t', '%', '!', 'é', '\u0000', '\u3000']);
          return [`${part.slice(0, at)}${c}${part.slice(at)}`, `insert ${JSON.stringify(c)}`];
        }
        case 1:
          return [part.slice(0, at) + part.slice(at + 1), 'drop a character'];
        case 2:
          return [`${part}${'='.repeat(1 + rng.below(2))}`, 'padding'];
        case 3: {
          // Unused low bits of the last character set: the same bytes, another spelling.
          const last = part.at(-1) ?? 'A';
          const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
          const i = alphabet.indexOf(last);
          return [part.slice(0, -1) + alphabet[(i ^ (1 + rng.below(3))) & 63], 'trailing bits'];
        }
        default:
          return [part.replace(/-/g, '+').replace(/_/g, '/'), 'standard alphabet'];
      }
    };
    const parts = [header, payload, ''];
    // Damage to header or payload is signed over as it is: only the decoding is then in question.
    if (which < 2) {
      const [damaged, what] = damage(parts[which]);
      parts[which] = damaged;
      const input = `${parts[0]}.${parts[1]}`;
      return {
        token: `${input}.${signEd25519(input, this.key.privateKey)}`,
        label: `base64: ${['header', 'payload'][which]} ${what}`,
        tid,
      };
    }
    const input = `${header}.${payload}`;
    const [signature, what] = damage(signEd25519(input, this.key.privateKey));
    return { token: `${input}.${signature}`, label: `base64: signature ${what}`, tid };
  }

  private segments(): ForgedToken {
    const good = this.valid();
    const [h, p, s] = good.token.split('.');
    const [token, what] = this.rng.pick([
      [`${h}.${p}`, 'two'],
      [`${h}.${p}.`, 'no signature'],
      [`${h}.${p}.${s}.${s}`, 'signature twice'],
      [`${h}.${p}.${s}.`, 'a trailing dot'],
      [`${h}.${h}.${p}.${s}`, 'header twice'],
      [`${h}..${s}`, 'no payload'],
      [`.${p}.${s}`, 'no header'],
      [`${p}.${h}.${s}`, 'header and payload swapped'],
      [`${h}.${p}.${s.slice(0, 1 + this.rng.below(s.length - 1))}`, 'signature cut short'],
      [`${h}.${p.slice(0, this.rng.below(p.length))}.${s}`, 'payload cut short'],
      [`${good.token}.${good.token}`, 'token twice'],
      [` ${good.token} `, 'spaces around'],
      [`Bearer ${good.token}`, 'Bearer prefix'],
      ['', 'empty'],
      ['..', 'only dots'],
      [`${h}.${p}.${s}`.replace(/\./g, '..'), 'double dots'],
    ] as const);
    return { token, label: `segments: ${what}`, tid: good.tid };
  }
}
