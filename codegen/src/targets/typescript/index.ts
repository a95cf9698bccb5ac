// The TypeScript target: the message codec in generated/src, built on the @felix/wire runtime,
// and the framing constants the runtime itself is written against.
import type { Target } from '../../target.js';
import { binaryCodecFile } from './binary-codec.js';
import { constantsFile } from './constants.js';
import { frameCodecFile, indexFile } from './entry-points.js';
import { jsonCodecFile } from './json-codec.js';
import { protocolConstantsFile } from './protocol-constants.js';
import { typesFile } from './types.js';
import { validatorsFiles } from './validators.js';

const OUT = 'generated/src';
const WIRE_OUT = 'wire/src/generated';

export const typescriptTarget: Target = {
  name: 'typescript',
  owns: [OUT, WIRE_OUT],
  generate(spec) {
    return [
      { path: `${WIRE_OUT}/protocol.ts`, contents: protocolConstantsFile(spec) },
      { path: `${OUT}/constants.ts`, contents: constantsFile(spec) },
      { path: `${OUT}/types.ts`, contents: typesFile(spec) },
      { path: `${OUT}/json-codec.ts`, contents: jsonCodecFile(spec) },
      { path: `${OUT}/binary-codec.ts`, contents: binaryCodecFile(spec) },
      { path: `${OUT}/frame-codec.ts`, contents: frameCodecFile() },
      { path: `${OUT}/index.ts`, contents: indexFile(spec) },
      ...validatorsFiles(spec),
    ];
  },
};
