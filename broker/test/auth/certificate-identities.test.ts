import { describe, expect, it } from 'vitest';
import { CertificateIdentities, CertificateRuleError } from '../../src/auth/index.js';

const stream = (tenant: string, name: string) => ({ kind: 'stream' as const, tenant, namespace: 'default', name });

describe('client certificate rules', () => {
  const identities = new CertificateIdentities([
    { commonName: 'orders', tenant: 't1', permissions: ['stream.publish:stream:t1/default/orders'] },
    { dns: 'Billing.Example', tenant: 't1', permissions: ['stream.publish:stream:t1/default/billing'] },
    { uri: 'spiffe://example.test/audit', tenant: 't2', permissions: ['stream.subscribe:stream:t2/default/*'] },
  ]);

  it('matches the common name exactly', () => {
    expect(identities.match({ commonName: 'orders', sans: [] })?.subject).toBe('cert:CN=orders');
    expect(identities.match({ commonName: 'Orders', sans: [] })).toBeUndefined();
    // A subject with several common names has none (PeerIdentity leaves it undefined).
    expect(identities.match({ commonName: undefined, sans: ['DNS:orders'] })).toBeUndefined();
  });

  it('matches a DNS name ignoring case and a URI exactly', () => {
    const billing = identities.match({ commonName: 'x', sans: ['DNS:billing.example'] });
    expect(billing?.permissions.allows('stream.publish', stream('t1', 'billing'))).toBe(true);
    expect(billing?.permissions.allows('stream.publish', stream('t1', 'orders'))).toBe(false);
    expect(identities.match({ commonName: undefined, sans: ['URI:spiffe://example.test/audit'] })?.tenant).toBe('t2');
    expect(identities.match({ commonName: undefined, sans: ['URI:spiffe://example.test/AUDIT'] })).toBeUndefined();
    // A URI SAN is not a DNS name, however it is spelled.
    expect(identities.match({ commonName: undefined, sans: ['URI:billing.example'] })).toBeUndefined();
  });

  it('lets the first matching rule decide', () => {
    const grant = identities.match({ commonName: 'orders', sans: ['URI:spiffe://example.test/audit'] });
    expect(grant).toMatchObject({ tenant: 't1', subject: 'cert:CN=orders' });
  });

  it.each([
    [{ tenant: 't1', permissions: [] }, 'give exactly one of commonName, dns, uri (it has 0)'],
    [
      { commonName: 'a', tenant: 't1', permissions: ['node.view:cluster:*'] },
      'permission "node.view:cluster:*" is not a broker action',
    ],
    [
      { commonName: 'a', tenant: 't1', permissions: ['tenant.manage:tenant:t2'] },
      'permission "tenant.manage:tenant:t2" is outside tenant "t1", the rule\'s',
    ],
  ])('refuses an unusable rule', (rule, problem) => {
    const error = (() => {
      try {
        new CertificateIdentities([rule]);
      } catch (err) {
        return err;
      }
    })();
    expect(error).toBeInstanceOf(CertificateRuleError);
    expect(error).toMatchObject({ index: 0, problem });
  });

  it('refuses a DNS name mapped twice in different case', () => {
    expect(
      () =>
        new CertificateIdentities([
          { dns: 'a.example', tenant: 't1', permissions: [] },
          { dns: 'A.example', tenant: 't1', permissions: [] },
        ]),
    ).toThrow('DNS:a.example is already mapped by rule 0');
  });
});
