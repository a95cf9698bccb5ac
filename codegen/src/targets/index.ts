// Every generator target, in the order they run.
import type { Target } from '../target.js';
import { arbitrariesTarget } from './arbitraries.js';
import { docsTarget } from './docs/index.js';
import { formatsTarget } from './formats.js';
import { kaitaiTarget } from './kaitai.js';
import { metaTarget } from './meta.js';
import { schemasTarget } from './schemas.js';
import { storageTarget } from './storage/index.js';
import { typescriptTarget } from './typescript/index.js';
import { vectorsTarget } from './vectors.js';

export const allTargets: Target[] = [
  metaTarget,
  schemasTarget,
  typescriptTarget,
  formatsTarget,
  vectorsTarget,
  docsTarget,
  kaitaiTarget,
  arbitrariesTarget,
  storageTarget,
];
