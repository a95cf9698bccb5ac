// Self-signed certificates for brokers that are given none: ECDSA P-256 (WebTransport's
// certificate hashes require ECDSA and a validity under 14 days), made with @peculiar/x509
// on Node's WebCrypto, plus the SHA-256 fingerprint clients pin.
import { createHash, webcrypto, X509Certificate } from 'node:crypto';
// @peculiar/x509 resolves its services through tsyringe, which needs this polyfill loaded first.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export interface CertificatePair {
  cert: string;
  key: string;
}

export interface SelfSignedOptions {
  commonName?: string;
  /** DNS names and IP addresses the certificate is valid for. */
  hosts?: string[];
  validityDays?: number;
  /**
   * Mark the certificate as a CA (basicConstraints CA:TRUE, keyCertSign), so a peer can take it
   * as its own trust anchor (`ca`) rather than pinning its fingerprint: BoringSSL, under QUIC,
   * refuses a CA:FALSE certificate in that role.
   */
  ca?: boolean;
}

const isIp = (h: string) => /^[\d.]+$/.test(h) || h.includes(':');

export async function createSelfSigned(options: SelfSignedOptions = {}): Promise<CertificatePair> {
  const hosts = options.hosts ?? ['localhost', '127.0.0.1', '::1'];
  const validityDays = options.validityDays ?? 13;
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
  const notBefore = new Date(Date.now() - 60_000);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: webcrypto
      .getRandomValues(new Uint8Array(8))
      .reduce((s, b) => s + b.toString(16).padStart(2, '0'), '01'),
    name: `CN=${options.commonName ?? 'felix-broker'}`,
    notBefore,
    notAfter: new Date(notBefore.getTime() + validityDays * 86_400_000),
    keys,
    signingAlgorithm: algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(options.ca === true, undefined, true),
      new x509.KeyUsagesExtension(
        options.ca
          ? x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyCertSign
          : x509.KeyUsageFlags.digitalSignature,
        true,
      ),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(
        hosts.map((h) => ({ type: isIp(h) ? ('ip' as const) : ('dns' as const), value: h })),
      ),
    ],
  });
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  const key = `-----BEGIN PRIVATE KEY-----\n${Buffer.from(pkcs8)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .trimEnd()}\n-----END PRIVATE KEY-----\n`;
  return { cert: cert.toString('pem'), key };
}

/** SHA-256 of the certificate's DER bytes, lowercase hex with colons, as clients pin it. */
export function certificateFingerprint(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256.toLowerCase();
}

/** The same fingerprint as raw bytes (for WebTransport's serverCertificateHashes). */
export function certificateSha256(certPem: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(new X509Certificate(certPem).raw).digest());
}

/**
 * Base64 SHA-256 of the certificate's public key (SubjectPublicKeyInfo), the form Chromium's
 * --ignore-certificate-errors-spki-list takes to trust a self-signed broker over a WebSocket.
 */
export function spkiSha256Base64(certPem: string): string {
  const spki = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}
