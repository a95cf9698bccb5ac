// The normalised spec as JSON, for tools in other languages (the Python conformance decoder
// reads field types from it) that should not re-implement the YAML loader.
import type { Target } from '../target.js';
import { GENERATED_NOTICE, jsonText } from '../target.js';

export const metaTarget: Target = {
  name: 'meta',
  owns: ['generated/meta'],
  generate: (spec) => [
    { path: 'generated/meta/spec.json', contents: jsonText({ $comment: GENERATED_NOTICE, ...spec }) },
  ],
};
