// `npm run conformance [-- --external "CMD" --only-failures --decoders ts,kaitai-js]`
import { parseArgs } from 'node:util';
import { loadSpec } from '@felix/spec';
import { externalDecoder } from './decoders/external.js';
import { kaitaiDecoders } from './decoders/kaitai.js';
import { decodeWithTs } from './decoders/ts.js';
import { type Decoder, ENCODE_COLUMN, formatTable, perFrame, runConformance } from './run.js';
import { loadOurVectors, loadUpstreamVectors, REGRESSIONS_DIR } from './vectors.js';

const { values } = parseArgs({
  options: {
    external: { type: 'string' },
    decoders: { type: 'string' },
    'only-failures': { type: 'boolean', default: false },
  },
});

const spec = loadSpec();
const vectors = [...loadUpstreamVectors(spec), ...loadOurVectors(), ...loadOurVectors(REGRESSIONS_DIR)];
let decoders: Decoder[] = [perFrame('ts', decodeWithTs), ...kaitaiDecoders()];
if (values.decoders) {
  const wanted = new Set(values.decoders.split(','));
  decoders = decoders.filter((d) => wanted.has(d.name));
}
if (values.external) {
  const decode = externalDecoder(values.external);
  decoders = [perFrame('external', (_, hex) => decode(hex))];
}

const results = await runConformance(spec, vectors, decoders);
const columns = [...decoders.map((d) => d.name), ...(values.external ? [] : [ENCODE_COLUMN])];
console.log(formatTable(results, columns, values['only-failures']));

const negatives = vectors.filter((v) => 'error' in v.expect).length;
let passed = 0;
let failed = 0;
for (const r of results) for (const c of r.cells.values()) c.ok ? passed++ : failed++;
console.log(
  `\n${vectors.length} vectors (${vectors.filter((v) => v.source === 'upstream').length} upstream, ${negatives} negative) × ${columns.join(', ')}`,
);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
