// Client certificates mapped to permissions (config `clientCertificates`), for brokers that
// require client certificates (tlsClientCa). Each rule names a certificate by exactly one of:
//   commonName — equals the subject's common name (exact; a subject with several CNs has none),
//   dns        — equals one of its DNS subject alternative names (ignoring ASCII case),
//   uri        — equals one of its URI subject alternative names (exact, e.g. a SPIFFE ID),
// and the first rule in file order that matches decides the tenant and the permissions.
import { BROKER_ACTIONS, PermissionSyntaxError, parsePermission } from './permission-grammar.js';
import { compilePermissions, type PermissionSet } from './permissions.js';

export interface ClientCertificateRule {
  commonName?: string;
  dns?: string;
  uri?: string;
  tenant: string;
  /** Permissions in the token grammar, e.g. `stream.publish:stream:t1/default/orders`. */
  permissions: string[];
}

/** The part of a verified client certificate rules look at (@felix/transport's PeerIdentity fits). */
export interface CertificateNames {
  readonly commonName: string | undefined;
  /** `DNS:name`, `URI:uri`, … */
  readonly sans: readonly string[];
}

/** What a matched certificate is admitted as. */
export interface CertificateGrant {
  tenant: string;
  /** Who audit lines name: the rule that matched, e.g. `cert:CN=orders-service`. */
  subject: string;
  permissions: PermissionSet;
}

const MATCHERS = ['commonName', 'dns', 'uri'] as const;
const BROKER_ACTION_SET: ReadonlySet<string> = new Set(BROKER_ACTIONS);

/** A rule that cannot be used; `index` is its position in the list. */
export class CertificateRuleError extends Error {
  constructor(
    readonly index: number,
    readonly problem: string,
  ) {
    super(`rule ${index}: ${problem}`);
    this.name = 'CertificateRuleError';
  }
}

type Matcher = (names: CertificateNames) => boolean;

function matcherOf(rule: ClientCertificateRule, index: number): { key: string; matches: Matcher } {
  const given = MATCHERS.filter((m) => rule[m] !== undefined);
  if (given.length !== 1)
    throw new CertificateRuleError(index, `give exactly one of commonName, dns, uri (it has ${given.length})`);
  const kind = given[0]!;
  const value = rule[kind]!;
  if (kind === 'commonName') return { key: `CN=${value}`, matches: (names) => names.commonName === value };
  if (kind === 'uri') return { key: `URI:${value}`, matches: (names) => names.sans.includes(`URI:${value}`) };
  const wanted = `dns:${value.toLowerCase()}`;
  return { key: `DNS:${value.toLowerCase()}`, matches: (names) => names.sans.some((n) => n.toLowerCase() === wanted) };
}

/**
 * Every permission must parse and stay inside the rule's tenant: unlike a token's (where an
 * unknown entry is skipped), an operator's own file is refused for one that would grant nothing.
 */
function checkPermissions(rule: ClientCertificateRule, index: number): void {
  for (const text of rule.permissions) {
    let parsed: ReturnType<typeof parsePermission>;
    try {
      parsed = parsePermission(text);
    } catch (err) {
      if (!(err instanceof PermissionSyntaxError)) throw err;
      throw new CertificateRuleError(index, err.message);
    }
    if (!BROKER_ACTION_SET.has(parsed.action))
      throw new CertificateRuleError(index, `permission ${JSON.stringify(text)} is not a broker action`);
    if (parsed.resource.kind === 'cluster' || parsed.resource.tenant !== rule.tenant)
      throw new CertificateRuleError(
        index,
        `permission ${JSON.stringify(text)} is outside tenant ${JSON.stringify(rule.tenant)}, the rule's`,
      );
  }
}

export class CertificateIdentities {
  private readonly rules: { matches: Matcher; grant: CertificateGrant }[];

  /** Throws CertificateRuleError for the first rule that cannot be used, or one naming a certificate twice. */
  constructor(rules: readonly ClientCertificateRule[]) {
    const seen = new Map<string, number>();
    this.rules = rules.map((rule, index) => {
      const { key, matches } = matcherOf(rule, index);
      const earlier = seen.get(key);
      if (earlier !== undefined)
        throw new CertificateRuleError(index, `${key} is already mapped by rule ${earlier}, which always wins`);
      seen.set(key, index);
      checkPermissions(rule, index);
      return {
        matches,
        grant: { tenant: rule.tenant, subject: `cert:${key}`, permissions: compilePermissions(rule.permissions) },
      };
    });
  }

  get size(): number {
    return this.rules.length;
  }

  /** The first rule's grant whose name the certificate carries; undefined when none does. */
  match(names: CertificateNames): CertificateGrant | undefined {
    return this.rules.find((rule) => rule.matches(names))?.grant;
  }
}
