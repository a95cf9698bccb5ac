// Every generator target, in the order they run.
import type { Target } from '../target.js';
import { arbitrariesTarget } from './arbitraries.js';
import { docsTarget } from './docs/index.js';
import { kaitaiTarget } from './kaitai.js';
import { metaTarget } from './meta.js';
import { schemasTarget } from './schemas.js';
import { typescriptTarget } from './typescript/index.js';
import { vectorsTarget } from './vectors.js';

export const allTargets: Target[] = [
  metaTarget,
  schemasTarget,
  typescriptTarget,
  vectorsTarget,
  docsTarget,
  kaitaiTarget,
  arbitrariesTarget,
];
