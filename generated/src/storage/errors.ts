// generated — do not edit; edit spec/ and run `npm run generate`
// The one error the storage codec throws: a storage error code of the spec, the field at
// fault and the byte position of the struct it was reading.
import { type RecoveryClass, STORAGE_ERRORS, type StorageErrorCode } from './constants.js';

export class StorageFormatError extends Error {
  readonly code: StorageErrorCode;
  /** `struct.field` at fault, or the struct's name when its fixed part is cut short. */
  readonly field: string;
  /** Byte position in the file of the struct being read (undefined for an encoder's refusal). */
  readonly position: number | undefined;

  constructor(code: StorageErrorCode, field: string, position: number | undefined, detail: string) {
    super(`${field}${position === undefined ? '' : ` at byte ${position}`}: ${detail} (${code})`);
    this.name = 'StorageFormatError';
    this.code = code;
    this.field = field;
    this.position = position;
  }

  /** What recovery does with this error at the end of the newest segment. */
  get recovery(): RecoveryClass {
    return STORAGE_ERRORS[this.code].recovery;
  }
}

export function isStorageFormatError(err: unknown): err is StorageFormatError {
  return err instanceof StorageFormatError;
}
