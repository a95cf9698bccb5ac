// The optional JSON body of an admin request that registers a stream or a cache: whether it is
// durable, and for a stream its own durable and memory settings (the config file's entry).
import type { IncomingMessage } from 'node:http';
import { Ajv } from 'ajv';
import { DURABLE_OVERRIDES, STREAM_ENTRY_SCHEMA, type StreamConfig } from './config.js';

/** Far above any real body: the settings are a handful of numbers. */
const MAX_BODY_BYTES = 16 * 1024;

const CACHE_ENTRY_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: { durable: { type: 'boolean' } },
} as const;

const ajv = new Ajv({ strict: false });
const validators = { stream: ajv.compile(STREAM_ENTRY_SCHEMA), cache: ajv.compile(CACHE_ENTRY_SCHEMA) };

/** A body the request cannot be served with, and the status that says so. */
export class AdminBodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'AdminBodyError';
  }
}

/** The request's JSON body, undefined when it is empty. Throws AdminBodyError. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new AdminBodyError(413, `the body is over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new AdminBodyError(400, `the body is not JSON (${(err as Error).message})`);
  }
}

/** The request's settings ({} for an empty body). Throws AdminBodyError. */
export async function readAdminBody(req: IncomingMessage, kind: 'stream' | 'cache'): Promise<StreamConfig> {
  const body = await readJsonBody(req);
  if (body === undefined) return {};
  const validate = validators[kind];
  if (!validate(body)) {
    const e = validate.errors![0];
    const field = e.instancePath.slice(1) || (e.params as { additionalProperty?: string }).additionalProperty;
    throw new AdminBodyError(400, `the body's ${field ?? 'value'} is invalid: ${e.message ?? e.keyword}`);
  }
  const settings = body as StreamConfig;
  const override = DURABLE_OVERRIDES.find((key) => settings[key] !== undefined);
  if (override !== undefined && settings.durable !== true)
    throw new AdminBodyError(400, `${override} applies only to a durable stream ("durable": true)`);
  return settings;
}
