// Who a verified client certificate says its holder is, in the terms a broker maps to
// permissions: the subject, its common name and the subject alternative names.
import { createHash } from 'node:crypto';
// @peculiar/x509 resolves its services through tsyringe, which needs this polyfill loaded first.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';

export interface PeerIdentity {
  /** The subject distinguished name as RFC 4514 text, e.g. `CN=orders-service, O=Example`. */
  readonly subject: string;
  /** The subject's common name; undefined when it has none, or more than one (which one would count is unclear). */
  readonly commonName: string | undefined;
  /** Subject alternative names as `DNS:name`, `URI:uri`, `IP:address` or `email:address`. */
  readonly sans: readonly string[];
  /** SHA-256 of the certificate's DER bytes, lowercase hex with colons. */
  readonly sha256: string;
  /** When the certificate stops being valid, in milliseconds since the epoch. */
  readonly notAfter: number;
}

/** A carrier that cannot require client certificates was asked to: it must not listen without. */
export class ClientCertificatesUnsupportedError extends Error {
  constructor(
    readonly carrier: string,
    why: string,
  ) {
    super(`${carrier} cannot require client certificates: ${why}`);
    this.name = 'ClientCertificatesUnsupportedError';
  }
}

const SAN_PREFIX: Partial<Record<string, string>> = { dns: 'DNS', url: 'URI', ip: 'IP', email: 'email' };

function sha256(der: ArrayBuffer): string {
  const digest = createHash('sha256').update(new Uint8Array(der)).digest();
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join(':');
}

/**
 * The identity in a certificate (DER bytes or PEM). Only for certificates the TLS stack has
 * already verified: nothing here checks a signature or a date.
 */
export function peerIdentityOf(certificate: Uint8Array | string): PeerIdentity {
  const cert = new x509.X509Certificate(typeof certificate === 'string' ? certificate : new Uint8Array(certificate));
  const commonNames = cert.subjectName.getField('CN');
  const san = cert.getExtension(x509.SubjectAlternativeNameExtension);
  const sans: string[] = [];
  for (const name of san?.names.items ?? []) {
    const prefix = SAN_PREFIX[name.type];
    if (prefix !== undefined) sans.push(`${prefix}:${name.value}`);
  }
  return {
    subject: cert.subject,
    commonName: commonNames.length === 1 ? commonNames[0] : undefined,
    sans,
    sha256: sha256(cert.rawData),
    notAfter: cert.notAfter.getTime(),
  };
}
