// How the session runner reaches a broker, on whichever runtime runs it. On Node: QUIC through
// @matrixai/quic (quiche, which cannot go without ALPN, so it offers `felix`), WebTransport
// through the Node library (HTTP/2; HTTP/3 only with its quiche addon). On Deno: QUIC through
// quinn (no ALPN by default, as upstream's client), WebTransport through Deno's own client
// (HTTP/3 only). TLS through node:tls on both.
import { readFileSync } from 'node:fs';
import {
  type ClientSession,
  clientSessionOver,
  connectQuic,
  connectTls,
  connectWebTransport,
  type MultiplexedConnection,
  WebTransportConnection,
} from '@felix/transport';
import { parseSha256 } from '@felix/transport/browser';
import { connectDenoQuic, isDeno } from '@felix/transport/deno-quic';
import type { SessionTarget } from './target.js';

/** The runtime this runner is on. */
export const runnerHost = (): 'node' | 'deno' => (isDeno() ? 'deno' : 'node');

/** What the runner's QUIC offers when the URL names no ALPN: none where its library can. */
export function defaultAlpn(): string[] {
  return isDeno() ? [] : ['felix'];
}

/** Whether this runner's QUIC library can offer no ALPN at all (quiche cannot). */
export function canOfferNoAlpn(): boolean {
  return isDeno();
}

/** WebTransport's HTTP version when the URL names none: the one this runtime's client speaks. */
export function defaultHttp(): 2 | 3 {
  return isDeno() ? 3 : 2;
}

/** Why `target` cannot be driven from this runtime, or undefined when it can. */
export function unreachableFromHere(target: SessionTarget): string | undefined {
  if (target.carrier === 'quic' && target.alpn?.length === 0 && !canOfferNoAlpn())
    return 'alpn=none needs the runner on Deno (its QUIC library on Node, quiche, cannot offer no ALPN): deno run --allow-all --unstable-net conformance/dist/cli.js --session …';
  if (target.carrier === 'quic' && isDeno() && target.caFile === undefined)
    return "QUIC from Deno verifies the broker against a certificate, not a hash: add ca=<file with the broker's certificate (PEM)>";
  if (target.carrier === 'webtransport' && (target.http ?? defaultHttp()) === 2 && isDeno())
    return "WebTransport over HTTP/2 needs the runner on Node (Deno's client speaks HTTP/3 only)";
  if (target.carrier === 'webtransport' && isDeno() && target.certSha256 === undefined)
    return 'WebTransport from Deno pins the certificate by its hash: add sha256=<the broker certificate SHA-256>';
  return undefined;
}

/** The W3C WebTransport constructor a runtime provides (Deno's, over HTTP/3). */
type NativeWebTransport = new (
  url: string,
  init: { serverCertificateHashes?: { algorithm: string; value: Uint8Array }[] },
) => ConstructorParameters<typeof WebTransportConnection>[0] & { ready: Promise<void> };

async function connectNativeWebTransport(target: SessionTarget): Promise<MultiplexedConnection> {
  const Native = (globalThis as { WebTransport?: NativeWebTransport }).WebTransport;
  if (Native === undefined) throw new Error('this runtime has no WebTransport client');
  const authority = target.host.includes(':') ? `[${target.host}]` : target.host;
  const session = new Native(`https://${authority}:${target.port}${target.path}`, {
    serverCertificateHashes: [{ algorithm: 'sha-256', value: parseSha256(target.certSha256 ?? '') }],
  });
  try {
    await session.ready;
  } catch (err) {
    session.closed.catch(() => {});
    throw err;
  }
  return new WebTransportConnection(session, `${authority}:${target.port}`, 'h3');
}

/** A client session on the target's carrier; the scenarios then open streams on it. */
export async function connectTarget(target: SessionTarget): Promise<ClientSession> {
  const why = unreachableFromHere(target);
  if (why !== undefined) throw new Error(why);
  const ca = target.caFile === undefined ? undefined : readFileSync(target.caFile, 'utf8');
  const options = { host: target.host, port: target.port, certSha256: target.certSha256, ca };
  switch (target.carrier) {
    case 'tls':
      return connectTls(options);
    case 'quic': {
      const alpn = target.alpn ?? defaultAlpn();
      // Deno cannot pin a hash; quinn verifies against the certificate itself.
      if (isDeno()) return clientSessionOver(await connectDenoQuic({ ...options, certSha256: undefined, alpn }));
      return clientSessionOver(await connectQuic({ ...options, alpn }));
    }
    case 'webtransport': {
      const http3 = (target.http ?? defaultHttp()) === 3;
      if (isDeno()) return clientSessionOver(await connectNativeWebTransport(target));
      return clientSessionOver(await connectWebTransport({ ...options, path: target.path, http3 }));
    }
  }
}

/** The carrier as this runner speaks it, e.g. `quic (no ALPN)` or `webtransport (HTTP/3)`. */
export function describeCarrier(target: SessionTarget): string {
  if (target.carrier === 'quic') {
    const alpn = target.alpn ?? defaultAlpn();
    return `quic (${alpn.length === 0 ? 'no ALPN' : `ALPN ${alpn.join(',')}`})`;
  }
  if (target.carrier === 'webtransport') return `webtransport (HTTP/${target.http ?? defaultHttp()})`;
  return target.carrier;
}
