// Builds error answers the way the peer negotiated them: typed fields only for ERROR_CODES.
import { ERROR_CODES, type ErrorCode, encodeFrame, FEATURES, LIMITS, type WireError } from '@felix/generated';

export interface Negotiated {
  flags: number;
  features: number;
}

function clip(message: string): string {
  const bytes = new TextEncoder().encode(message);
  if (bytes.length <= LIMITS.message_max_bytes) return message;
  return `${new TextDecoder().decode(bytes.subarray(0, LIMITS.message_max_bytes - 3)).replace(/\uFFFD$/, '')}...`;
}

export function errorFrame(
  peer: Negotiated,
  code: ErrorCode,
  message: string,
  where: { field?: string; offset?: number; requestId?: number | bigint } = {},
): Uint8Array {
  if (!(peer.features & FEATURES.ERROR_CODES)) return encodeFrame({ type: 'error', message: clip(message) });
  const requestId = where.requestId === undefined ? undefined : Number(where.requestId);
  return encodeFrame({
    type: 'error',
    message: clip(message),
    code,
    retry: ERROR_CODES[code].retry,
    request_id: requestId !== undefined && Number.isSafeInteger(requestId) ? requestId : undefined,
    detail:
      where.field !== undefined || where.offset !== undefined
        ? { field: where.field?.slice(0, LIMITS.name_max_bytes), offset: where.offset }
        : undefined,
  });
}

export function wireErrorFrame(peer: Negotiated, err: WireError): Uint8Array {
  return errorFrame(peer, err.code, `${err.code}: ${err.message}`, {
    field: err.field,
    offset: err.offset,
    requestId: err.requestId,
  });
}
