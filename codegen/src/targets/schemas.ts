// One JSON Schema per JSON message, for any language's validator.
import { messageSchema } from '../json-schema.js';
import { GENERATED_NOTICE, jsonText, type Target } from '../target.js';

export const schemasTarget: Target = {
  name: 'schemas',
  owns: ['generated/schemas'],
  generate: (spec) =>
    spec.messages.map((m) => ({
      path: `generated/schemas/${m.name}.schema.json`,
      contents: jsonText(messageSchema(spec, m, GENERATED_NOTICE)),
    })),
};
