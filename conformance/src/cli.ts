// `npm run conformance [-- --external "CMD" [--lines] --only-failures --decoders ts,kaitai-js]`
// `npm run conformance -- --session quic://host:port?sha256=…&token=…`

import { parseCommandLine, usageError } from '@felix/command-line';
import { loadSpec } from '@felix/spec';
import { CommandWordsError, commandWords } from './command-words.js';
import { lineDecoder, perVectorDecoder } from './decoders/external.js';
import { kaitaiDecoders } from './decoders/kaitai.js';
import { decodeWithTs } from './decoders/ts.js';
import { type Decoder, ENCODE_COLUMN, formatTable, perFrame, runConformance } from './run.js';
import { runSessionCommand } from './session/main.js';
import { SessionTargetError } from './session/target.js';
import { runStorageConformance, storageDecoders } from './storage/run.js';
import { loadStorageVectors, loadUpstreamStorageVectors } from './storage/vectors.js';
import { type Tally, tallyColumns } from './tally.js';
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
                        external-decoder protocol (conformance/README.md), in the column
                        "external"; frames only, so the storage table is left out. The
                        command is split as a shell splits it (quotes, backslashes), or
                        given as a JSON array of strings
  --lines               with --external: start the command once and exchange one JSON line
                        per vector on its stdin and stdout, instead of one process per vector
  --decoders <names>    comma-separated built-in decoders to run (ts, kaitai-js, kaitai-py);
                        with --external, the ones to run beside it (none by default)
  --only-failures       list only failing vectors
  --session <url>       instead, drive the broker at <url> as upstream's clients do (auth on
                        every stream, each publish form, subscribe then FIN, cache on any
                        stream, every bad input of the frame vectors) and print one line per
                        scenario: quic://host:port?sha256=<cert SHA-256>&token=<jwt> (or
                        tls://…, webtransport://host:port[/path]…); ca=<PEM file> instead
                        of sha256 (QUIC from Deno needs it), optionally &tenant=
                        &namespace= &stream= &cache=, &alpn= (none for none; by default
                        none on Deno, felix on Node, whose QUIC cannot go without),
                        &http=2|3 (WebTransport; 3 on Deno, 2 on Node) and
                        &broker-host=node|deno (report that host's known differences as
                        such). Under Deno: deno run --allow-all --unstable-net
                        conformance/dist/cli.js --session <url>
  -h, --help            print this help

The totals count each column apart. With --external, the "encode" column (our generated
encoder re-encoding each positive vector) is shown but is not the other implementation's
result, and only the decoder columns decide the exit code.

Exit codes: 0 every cell passed, 1 a failure, 2 usage error.`,
  config: {
    options: {
      external: { type: 'string' },
      lines: { type: 'boolean', default: false },
      decoders: { type: 'string' },
      'only-failures': { type: 'boolean', default: false },
      session: { type: 'string' },
    },
  },
});

if (values.session !== undefined) {
  if (values.external) usageError('conformance', '--session and --external are exclusive');
  try {
    process.exit(await runSessionCommand(values.session));
  } catch (err) {
    if (!(err instanceof SessionTargetError)) throw err;
    usageError('conformance', `--session: ${err.message}`);
  }
}
if (values.lines && !values.external) usageError('conformance', '--lines needs --external');
let external: Decoder | undefined;
if (values.external) {
  try {
    const words = commandWords(values.external);
    external = values.lines ? lineDecoder(words) : perVectorDecoder(words);
  } catch (err) {
    if (!(err instanceof CommandWordsError)) throw err;
    usageError('conformance', `--external: ${err.message}`);
  }
}

const builtIn: Decoder[] = [perFrame('ts', decodeWithTs), ...kaitaiDecoders()];
let chosen = external ? [] : builtIn;
if (values.decoders) {
  const wanted = new Set(values.decoders.split(','));
  const names = builtIn.map((d) => d.name);
  for (const name of wanted)
    if (!names.includes(name)) usageError('conformance', `unknown decoder ${name} (${names.join(', ')})`);
  chosen = builtIn.filter((d) => wanted.has(d.name));
}
const decoders = external ? [external, ...chosen] : chosen;

const spec = loadSpec();
const vectors = [...loadUpstreamVectors(spec), ...loadOurVectors(), ...loadOurVectors(REGRESSIONS_DIR)];
const results = await runConformance(spec, vectors, decoders);
const columns = [...decoders.map((d) => d.name), ENCODE_COLUMN];
console.log(formatTable(results, columns, values['only-failures']));
const negatives = vectors.filter((v) => 'error' in v.expect).length;
console.log(
  `\n${vectors.length} vectors (${vectors.filter((v) => v.source === 'upstream').length} upstream, ${negatives} negative) × ${columns.join(', ')}`,
);
const tallies: Tally[] = tallyColumns('frames', results, columns);

if (!external) {
  const storageVectors = [...loadUpstreamStorageVectors(), ...loadStorageVectors()];
  const wanted = new Set(decoders.map((d) => d.name));
  const storage = storageDecoders(spec).filter((d) => wanted.has(d.name));
  const storageResults = await runStorageConformance(spec, storageVectors, storage, true);
  const storageColumns = [...storage.map((d) => d.name), ENCODE_COLUMN];
  console.log(
    `\nStorage format (segment and index files)\n${formatTable(storageResults, storageColumns, values['only-failures'])}`,
  );
  console.log(
    `\n${storageVectors.length} storage vectors (${storageVectors.filter((v) => v.source === 'upstream').length} upstream, ${storageVectors.filter((v) => 'error' in v.expect).length} negative) × ${storageColumns.join(', ')}`,
  );
  tallies.push(...tallyColumns('storage', storageResults, storageColumns));
}

console.log('');
for (const t of tallies) {
  const whose = external && t.column === ENCODE_COLUMN ? ' (our generated encoder, not the external decoder)' : '';
  console.log(`${t.table} ${t.column}${whose}: ${t.passed} passed, ${t.failed} failed`);
}
// Against another implementation only its answers (and any built-in decoders asked for) count.
const counted = tallies.filter((t) => !(external && t.column === ENCODE_COLUMN));
const passed = counted.reduce((n, t) => n + t.passed, 0);
const failed = counted.reduce((n, t) => n + t.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
