export * from './model.js';
export { DEFAULT_SPEC_DIR, loadSpec, SPEC_FILES, SpecError, type SpecProblem } from './load.js';
