export { DEFAULT_SPEC_DIR, loadSpec, SPEC_FILES, SpecError, type SpecProblem } from './load.js';
export * from './model.js';
