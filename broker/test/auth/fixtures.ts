// Shared by the auth tests: keys, hand-built tokens and a JWKS server on 127.0.0.1.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CryptoKey, importJWK, type JWTHeaderParameters, type JWTPayload, SignJWT } from 'jose';
import { expect } from 'vitest';
import {
  AuthError,
  type AuthFailure,
  FELIX_AUDIENCE,
  FELIX_ISSUER,
  generateSigningKey,
  type SigningKey,
} from '../../src/auth/index.js';

export const NOW_MS = Date.UTC(2030, 0, 1);
export const NOW_SEC = NOW_MS / 1000;

/** Claims of a valid token for tenant t1 at NOW_MS, with `overrides` merged over them. */
export function claims(overrides: Record<string, unknown> = {}): JWTPayload {
  return {
    iss: FELIX_ISSUER,
    aud: FELIX_AUDIENCE,
    sub: 'p:alice',
    tid: 't1',
    iat: NOW_SEC,
    exp: NOW_SEC + 900,
    perms: ['stream.publish:stream:t1/default/orders'],
    ...overrides,
  };
}

/** Signs any header and payload with an Ed25519 key, as a control plane with bugs might. */
export async function sign(
  key: SigningKey,
  payload: JWTPayload,
  header: Partial<JWTHeaderParameters> = {},
): Promise<string> {
  const privateKey = (await importJWK(key.privateJwk, 'EdDSA')) as CryptoKey;
  return new SignJWT(payload).setProtectedHeader({ alg: 'EdDSA', kid: key.publicJwk.kid, ...header }).sign(privateKey);
}

export function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

/** `header.payload.` with the given parts, no signature made. */
export function unsignedToken(header: object, payload: object, signature = ''): string {
  return `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}.${signature}`;
}

export async function newKey(kid: string): Promise<SigningKey> {
  return generateSigningKey(kid);
}

/** Awaits `promise` and checks it failed with AuthError `reason`, leaking none of `secrets`. */
export async function expectRefusal(
  promise: Promise<unknown>,
  reason: AuthFailure,
  secrets: readonly string[] = [],
): Promise<AuthError> {
  const error = await promise.then(
    () => expect.fail(`accepted; expected ${reason}`),
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(AuthError);
  const authError = error as AuthError;
  expect({ reason: authError.reason, message: authError.message }).toMatchObject({ reason });
  expect(authError.code).toBe('unauthenticated');
  for (const secret of secrets) expect(authError.message).not.toContain(secret);
  return authError;
}

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** An HTTP server on 127.0.0.1 that counts requests by path and answers with `handler`. */
export class TestServer {
  readonly requests: string[] = [];
  handler: Handler = (_request, response) => {
    response.writeHead(404).end();
  };
  private readonly server: Server;
  private readonly open = new Set<ServerResponse>();

  constructor() {
    this.server = createServer((request, response) => {
      this.requests.push(request.url ?? '');
      this.open.add(response);
      response.on('close', () => this.open.delete(response));
      this.handler(request, response);
    });
  }

  async start(): Promise<this> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return this;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Serves `documents[tenant]` as that tenant's JWKS at upstream's path, 404 for other tenants. */
  serveJwks(documents: Record<string, unknown>): void {
    this.handler = (request, response) => {
      const match = /^\/v1\/tenants\/([^/]+)\/\.well-known\/jwks\.json$/.exec(request.url ?? '');
      const tenant = match ? decodeURIComponent(match[1]!) : undefined;
      if (tenant === undefined || !Object.hasOwn(documents, tenant)) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(documents[tenant]));
    };
  }

  async stop(): Promise<void> {
    for (const response of this.open) response.destroy();
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }
}
