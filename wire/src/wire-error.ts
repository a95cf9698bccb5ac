// The one error type every decoder and encoder throws: a spec error code, the field at fault
// and the byte offset in the frame, so a broker can put all three on the wire.
import { ERROR_CODES, type ErrorCode } from './generated/protocol.js';

export class WireError extends Error {
  readonly code: ErrorCode;
  /** Dotted path of the field at fault, e.g. `frame.flags` or `publish.payload`. */
  readonly field: string;
  /** Byte offset in the frame where the problem was found, when one applies. */
  readonly offset: number | undefined;
  /** The request id, when it could be read before the problem was found. */
  requestId: bigint | number | undefined;

  constructor(code: ErrorCode, field: string, offset: number | undefined, detail: string) {
    super(`${field}${offset === undefined ? '' : ` at offset ${offset}`}: ${detail}`);
    this.name = 'WireError';
    this.code = code;
    this.field = field;
    this.offset = offset;
  }

  /** The retry class the spec gives this code. */
  get retry(): string {
    return ERROR_CODES[this.code].retry;
  }
}

export function isWireError(err: unknown): err is WireError {
  return err instanceof WireError;
}
