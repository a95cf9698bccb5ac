// Raw QUIC from the runtime the SDK runs on. Node dials with @matrixai/quic (quiche), which pins
// the broker certificate by its SHA-256; Deno dials with Deno.connectQuic (quinn + rustls), which
// is many times faster there but verifies only against CA certificates and offers no ALPN, as
// the Deno host broker expects by default.
import { type ClientSession, type ConnectOptions, clientSessionOver, connectQuic } from '@felix/transport';
import { connectDenoQuic, isDeno } from '@felix/transport/deno-quic';
import { FelixError } from '../errors.js';
import type { ResolvedOptions } from '../options.js';

/** Opens a QUIC session with the library of the runtime this process runs on. */
export async function dialQuic(target: ConnectOptions, options: ResolvedOptions): Promise<ClientSession> {
  if (!isDeno()) return clientSessionOver(await connectQuic({ ...target, connectTimeoutMs: options.connectTimeoutMs }));
  checkDenoQuic(target);
  return clientSessionOver(await connectDenoQuic({ ...target, connectTimeoutMs: options.connectTimeoutMs }));
}

/**
 * Refuses, before dialling, what Deno.connectQuic cannot do: retrying would not help, so the
 * error is fatal rather than a connect failure the client keeps reconnecting through.
 */
export function checkDenoQuic(target: Pick<ConnectOptions, 'ca' | 'certSha256' | 'clientCert'>): void {
  // Refused even beside a ca: Deno would check the ca and skip the pin without a word, and a
  // caller who asked for a pin must not believe it was checked.
  if (target.certSha256 !== undefined)
    throw new FelixError(
      'felix+quic:// on Deno verifies the broker against a CA and cannot pin certSha256: pass the broker certificate (PEM) as ca without certSha256, or use felix+tls://',
      { code: 'not_supported', retry: 'fatal' },
    );
  if (target.clientCert !== undefined)
    throw new FelixError('felix+quic:// on Deno cannot present a client certificate: use felix+tls://', {
      code: 'not_supported',
      retry: 'fatal',
    });
}
