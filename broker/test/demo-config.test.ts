// /demo/config.json hands out the dev token only to a page loaded from this machine: a request
// from any other address gets the same config without it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createSelfSigned } from '@felix/transport';
import { beforeAll, expect, it } from 'vitest';
import { type DemoSite, serveDemo } from '../src/service/demo.js';

let site: DemoSite;
beforeAll(async () => {
  const { cert } = await createSelfSigned();
  site = { dir: '/nonexistent', source: () => ({ host: '127.0.0.1', port: 5401, cert, devToken: 'dev.token.here' }) };
});

/** The config.json a request from `remoteAddress` gets. */
async function configFrom(remoteAddress: string): Promise<Record<string, unknown>> {
  let body = '';
  let status = 0;
  const res = {
    writeHead(code: number) {
      status = code;
      return this;
    },
    end(chunk: string) {
      body = chunk;
    },
  } as unknown as ServerResponse;
  const req = { socket: { remoteAddress } } as unknown as IncomingMessage;
  expect(await serveDemo(req, '/demo/config.json', res, site)).toBe(true);
  expect(status).toBe(200);
  return JSON.parse(body);
}

it.each(['127.0.0.1', '::1', '::ffff:127.0.0.1'])('gives the dev token to %s', async (address) => {
  expect(await configFrom(address)).toMatchObject({ token: 'dev.token.here', port: 5401 });
});

it.each(['192.0.2.7', '::ffff:192.0.2.7', '2001:db8::1', '127.0.0.2', ''])('gives no token to %s', async (address) => {
  const config = await configFrom(address);
  expect(config).toMatchObject({ port: 5401 });
  expect(config).not.toHaveProperty('token');
});
