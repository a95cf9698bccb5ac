// The CA bundle client certificates must chain to (tlsClientCa), read once at start. A file
// that cannot be read or holds no certificate stops the broker: serving without the check
// would be the silent alternative.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** The client CA cannot be used, or a carrier cannot require client certificates: the broker exits 2. */
export class ClientCaError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ClientCaError';
  }
}

const SETTING = 'tlsClientCa (FELIX_TLS_CLIENT_CA)';
const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** The PEM certificates in the file at `path`, each checked to parse; throws ClientCaError. */
export function readClientCa(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new ClientCaError(`${SETTING}: cannot read ${path}: ${why}`, { cause: err });
  }
  const certificates = text.match(PEM_CERTIFICATE) ?? [];
  if (certificates.length === 0) throw new ClientCaError(`${SETTING}: ${path} holds no PEM certificate`);
  certificates.forEach((pem, i) => {
    try {
      new X509Certificate(pem);
    } catch (err) {
      throw new ClientCaError(
        `${SETTING}: certificate ${i + 1} in ${path} does not parse (${(err as Error).message})`,
        {
          cause: err,
        },
      );
    }
  });
  return `${certificates.join('\n')}\n`;
}
