// generated — do not edit; edit spec/ and run `npm run generate`
// The Felix storage codec (@felix/generated/storage), generated from spec/storage.yaml. Node only:
// its CRC-32 comes from node:zlib.
export * from './codec.js';
export * from './constants.js';
export { CRC32_INITIAL, crc32, crc32Final, crc32Update } from './crc32.js';
export * from './errors.js';
export * from './naming.js';
