// The storage format's targets: the TypeScript codec (generated/src/storage), the Kaitai
// descriptions of both file kinds, and the storage vectors with their fuzz seeds. The docs
// pages are written by the docs target, beside the protocol's.
import type { Target } from '../../target.js';
import { storageKaitaiFiles } from './kaitai.js';
import { storageTypescriptFiles } from './typescript.js';
import { STORAGE_CORPUS_DIR, STORAGE_VECTORS_DIR, storageVectorFiles } from './vectors.js';

export const storageTarget: Target = {
  name: 'storage',
  // generated/src and generated/kaitai belong to the typescript and kaitai targets, which leave
  // the files this target writes there.
  owns: [STORAGE_VECTORS_DIR, STORAGE_CORPUS_DIR],
  generate: async (spec) => [
    ...storageTypescriptFiles(spec),
    ...(await storageKaitaiFiles(spec)),
    ...storageVectorFiles(spec),
  ],
};
