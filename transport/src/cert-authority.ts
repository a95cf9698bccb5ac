// A small certificate authority for mutual TLS: a CA certificate and client (or server)
// certificates it signs. Brokers with FELIX_TLS_CLIENT_CA take client certificates chained to
// such a CA; tests and local setups make both ends with this instead of calling openssl.
import { webcrypto } from 'node:crypto';
import type { CertificatePair } from './certs.js';
// @peculiar/x509 resolves its services through tsyringe, which needs this polyfill loaded first.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };

export interface CertificateAuthorityOptions {
  commonName?: string;
  validityDays?: number;
}

export interface IssueOptions {
  /** The subject's common name; no subject but an empty one when omitted. */
  commonName?: string;
  /** DNS names for the subject alternative name extension. */
  dns?: string[];
  /** URIs (e.g. SPIFFE IDs) for the subject alternative name extension. */
  uris?: string[];
  /** IP addresses for the subject alternative name extension. */
  ips?: string[];
  /** What the certificate may authenticate: a client (the default), a server, or both. */
  usage?: 'client' | 'server' | 'both';
  validityDays?: number;
}

function serialNumber(): string {
  return webcrypto.getRandomValues(new Uint8Array(8)).reduce((s, b) => s + b.toString(16).padStart(2, '0'), '01');
}

function validity(days: number): { notBefore: Date; notAfter: Date } {
  const notBefore = new Date(Date.now() - 60_000);
  return { notBefore, notAfter: new Date(notBefore.getTime() + days * 86_400_000) };
}

async function exportKey(key: CryptoKey): Promise<string> {
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', key);
  const body = Buffer.from(pkcs8)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .trimEnd();
  return `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----\n`;
}

async function newKeys(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
}

/**
 * A self-signed CA certificate. It carries no extended key usage, since OpenSSL holds a CA's
 * EKU against every certificate it signs: one limited to serverAuth could not vouch for clients.
 */
export async function createCertificateAuthority(options: CertificateAuthorityOptions = {}): Promise<CertificatePair> {
  const keys = await newKeys();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(),
    name: `CN=${options.commonName ?? 'felix-test-ca'}`,
    ...validity(options.validityDays ?? 30),
    keys,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert: cert.toString('pem'), key: await exportKey(keys.privateKey) };
}

/** A certificate for a new key, signed by `ca` (from createCertificateAuthority). */
export async function issueCertificate(ca: CertificatePair, options: IssueOptions = {}): Promise<CertificatePair> {
  const issuer = new x509.X509Certificate(ca.cert);
  const caKey = await webcrypto.subtle.importKey(
    'pkcs8',
    Buffer.from(ca.key.replace(/-----[^-]+-----|\s/g, ''), 'base64'),
    ALGORITHM,
    false,
    ['sign'],
  );
  const keys = await newKeys();
  const usage = options.usage ?? 'client';
  const purposes = [
    ...(usage !== 'server' ? [x509.ExtendedKeyUsage.clientAuth] : []),
    ...(usage !== 'client' ? [x509.ExtendedKeyUsage.serverAuth] : []),
  ];
  const names: x509.JsonGeneralName[] = [
    ...(options.dns ?? []).map((value) => ({ type: 'dns' as const, value })),
    ...(options.uris ?? []).map((value) => ({ type: 'url' as const, value })),
    ...(options.ips ?? []).map((value) => ({ type: 'ip' as const, value })),
  ];
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serialNumber(),
    subject: options.commonName === undefined ? '' : `CN=${options.commonName}`,
    issuer: issuer.subject,
    ...validity(options.validityDays ?? 13),
    publicKey: keys.publicKey,
    signingKey: caKey,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension(purposes),
      await x509.AuthorityKeyIdentifierExtension.create(issuer),
      // Without a subject the names are all the certificate says, so the extension is critical then.
      ...(names.length > 0 ? [new x509.SubjectAlternativeNameExtension(names, options.commonName === undefined)] : []),
    ],
  });
  return { cert: cert.toString('pem'), key: await exportKey(keys.privateKey) };
}
