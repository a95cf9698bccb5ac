// Every generator target, in the order they run.
import type { Target } from '../target.js';
import { metaTarget } from './meta.js';

export const allTargets: Target[] = [metaTarget];
