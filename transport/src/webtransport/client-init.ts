// What the Node client and the browser entry share when they open a WebTransport session: the
// session URL and the certificate pin in the form serverCertificateHashes takes. Free of Node
// APIs, so the browser build can use it.

/** The broker's WebTransport session path unless told otherwise. */
export const DEFAULT_PATH = '/felix';

/**
 * Longest validity (notAfter − notBefore) of a certificate that serverCertificateHashes may pin;
 * browsers and the library refuse a pin on anything longer.
 */
export const MAX_PINNED_VALIDITY_MS = 14 * 24 * 60 * 60 * 1000;

/** A SHA-256 fingerprint (hex, colons and spaces allowed) as its 32 bytes. */
export function parseSha256(fingerprint: string): Uint8Array {
  const hex = fingerprint.replace(/[:\s]/g, '');
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error('certSha256 must be 32 bytes of hex (colons allowed)');
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 32; i++) bytes[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

/** https://host:port/path, with an IPv6 literal in brackets. */
export function sessionUrl(host: string, port: number, path = DEFAULT_PATH): string {
  const bracketed = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `https://${bracketed}:${port}${path}`;
}
