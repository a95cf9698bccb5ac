// The reference interpreter: a second, spec-walking implementation of the codec, used by
// codegen (to write vectors), by tests and by fuzzers to diff the generated codec against.
export { concatBytes } from './bytes.js';
export { interpretFrame, type Value, variantKind } from './decode.js';
export { interpretEncode } from './encode.js';
export { InterpreterError } from './errors.js';
export { type FlagCombination, flagCombinations, knownFlagMask } from './flags.js';
export { formatProblem } from './formats.js';
export {
  getHeaderField,
  type HeaderLayout,
  headerLayout,
  type PlacedHeaderField,
  setHeaderField,
  specFrame,
} from './header.js';
export { parseJsonText } from './json-text.js';
export {
  interpretCrc32,
  interpretStorage,
  interpretStorageEncode,
  StorageInterpreterError,
  type StorageKind,
  type StorageOptions,
  type StorageValue,
} from './storage.js';
