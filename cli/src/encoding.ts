// Payloads are bytes; on a command line they are text. --encoding says how to turn one into the
// other, for what a command reads (pub, cache put) and what it prints (sub, cache get).
import { Option } from 'commander';
import { UsageError } from './errors.js';

export const ENCODINGS = ['utf8', 'hex', 'base64'] as const;
export type Encoding = (typeof ENCODINGS)[number];

export const encodingOption = (what: string) =>
  new Option('-e, --encoding <encoding>', `how ${what} are written`).choices(ENCODINGS).default('utf8');

export function decodeArgument(text: string, encoding: Encoding): Uint8Array {
  if (encoding === 'utf8') return new TextEncoder().encode(text);
  const valid = encoding === 'hex' ? /^(?:[0-9a-fA-F]{2})*$/ : /^[A-Za-z0-9+/_-]*={0,2}$/;
  if (!valid.test(text)) throw new UsageError(`not ${encoding}: ${text.length > 40 ? `${text.slice(0, 40)}…` : text}`);
  return new Uint8Array(Buffer.from(text, encoding));
}

export function encodeForOutput(bytes: Uint8Array, encoding: Encoding): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(encoding);
}
