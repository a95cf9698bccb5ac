// Builds the browser demo page the broker serves from its demoDir setting.
export { buildDemo, DEFAULT_OUT_DIR } from './build.js';
