// `npm run conformance [-- --external "CMD" --only-failures --decoders ts,kaitai-js]`

import { parseCommandLine, usageError } from '@felix/command-line';
import { loadSpec } from '@felix/spec';
import { externalDecoder } from './decoders/external.js';
import { kaitaiDecoders } from './decoders/kaitai.js';
import { decodeWithTs } from './decoders/ts.js';
import { type Decoder, ENCODE_COLUMN, formatTable, perFrame, runConformance } from './run.js';
import { runStorageConformance, storageDecoders } from './storage/run.js';
import { loadStorageVectors, loadUpstreamStorageVectors } from './storage/vectors.js';
import { loadOurVectors, loadUpstreamVectors, REGRESSIONS_DIR } from './vectors.js';

const { values } = parseCommandLine({
  name: 'conformance',
  usage: `
Usage: npm run conformance [-- options]

Runs every conformance vector (upstream's, ours and the fuzzer's regressions) through every
decoder and prints a table, then every storage vector (segment and index files, upstream's
golden segment_header and record among them) through every storage decoder and prints a
second; exit 1 on any failure.

Options:
  --external <command>  check another implementation: a decoder command speaking the
                        external-decoder protocol (replaces the built-in decoders; frames
                        only, so the storage table is left out)
  --decoders <names>    comma-separated decoders to run (ts, kaitai-js, kaitai-py)
  --only-failures       list only failing vectors
  -h, --help            print this help

Exit codes: 0 every cell passed, 1 a failure, 2 usage error.`,
  config: {
    options: {
      external: { type: 'string' },
      decoders: { type: 'string' },
      'only-failures': { type: 'boolean', default: false },
    },
  },
});

const spec = loadSpec();
const vectors = [...loadUpstreamVectors(spec), ...loadOurVectors(), ...loadOurVectors(REGRESSIONS_DIR)];
let decoders: Decoder[] = [perFrame('ts', decodeWithTs), ...kaitaiDecoders()];
if (values.decoders) {
  const wanted = new Set(values.decoders.split(','));
  const names = decoders.map((d) => d.name);
  for (const name of wanted)
    if (!names.includes(name)) usageError('conformance', `unknown decoder ${name} (${names.join(', ')})`);
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

if (!values.external) {
  const storageVectors = [...loadUpstreamStorageVectors(), ...loadStorageVectors()];
  const wanted = new Set(decoders.map((d) => d.name));
  const storage = storageDecoders(spec).filter((d) => wanted.has(d.name));
  const storageResults = await runStorageConformance(spec, storageVectors, storage, true);
  const storageColumns = [...storage.map((d) => d.name), ENCODE_COLUMN];
  console.log(
    `\nStorage format (segment and index files)\n${formatTable(storageResults, storageColumns, values['only-failures'])}`,
  );
  for (const r of storageResults) for (const c of r.cells.values()) c.ok ? passed++ : failed++;
  console.log(
    `\n${storageVectors.length} storage vectors (${storageVectors.filter((v) => v.source === 'upstream').length} upstream, ${storageVectors.filter((v) => 'error' in v.expect).length} negative) × ${storageColumns.join(', ')}`,
  );
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
