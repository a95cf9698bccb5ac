// Every generator target, in the order they run.
import type { Target } from '../target.js';
import { metaTarget } from './meta.js';
import { schemasTarget } from './schemas.js';

export const allTargets: Target[] = [metaTarget, schemasTarget];
