// What the demo page learns from the broker (GET /demo/config.json): where its WebTransport
// listener is and which certificate it presents. Shared by the broker side and the page script.

export interface DemoConfig {
  /** Host the carriers bind, or null when they bind every address (the page then uses its own host). */
  host: string | null;
  /** The WebTransport listener's port. */
  port: number;
  /** The WebTransport session path. */
  path: string;
  /** SHA-256 of the certificate, hex with colons: what native WebTransport pins. */
  certSha256: string;
  /**
   * Whether native WebTransport can pin certSha256: only a certificate valid for at most 14 days
   * can be pinned. A longer-lived one (FELIX_TLS_CERT) must be trusted by the browser instead.
   */
  pinnable: boolean;
  /** Base64 SHA-256 of the certificate's public key, for Chromium's --ignore-certificate-errors-spki-list. */
  spkiSha256: string;
}
