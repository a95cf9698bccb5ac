// CRC-32 (IEEE) implementations side by side, on the sizes the storage format checksums: a
// 20- and 24-byte header, a 1 KiB record and a 64 KiB record. It measured the choice of
// node:zlib's crc32 for the generated storage codec; an npm package joins the table when a
// directory holding it is named (it is not a dependency of this repository).
// Run: npx tsx --conditions=felix-source bench/src/crc32.ts [-- --time 300 --with-package DIR]
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { parseCommandLine } from '@felix/command-line';
import { loadSpec } from '@felix/spec';
import { interpretCrc32 } from '@felix/spec/interpreter';
import { Bench } from 'tinybench';

const { values } = parseCommandLine({
  name: 'bench/crc32',
  usage: `
Usage: npx tsx --conditions=felix-source bench/src/crc32.ts [-- options]

Ops/s and MB/s of CRC-32 implementations on storage-sized inputs.

Options:
  --time <ms>             measured time per task (default 300)
  --with-package <dir>    also measure the crc-32 npm package installed under <dir>
  -h, --help              print this help`,
  config: {
    options: {
      time: { type: 'string', default: '300' },
      'with-package': { type: 'string' },
    },
  },
});

const spec = loadSpec();
type Crc = (bytes: Uint8Array) => number;
const implementations: [string, Crc][] = [
  ['node:zlib crc32', (b) => zlibCrc32(b)],
  ['table, byte at a time (spec interpreter)', (b) => interpretCrc32(spec, [b])],
];
if (values['with-package']) {
  const require = createRequire(join(values['with-package'], 'package.json'));
  const pkg = require('crc-32') as { buf: (b: Uint8Array, seed?: number) => number };
  implementations.push(['crc-32 (npm) buf', (b) => pkg.buf(b) >>> 0]);
}

const sizes = [20, 24, 1024, 65536];
const check = new TextEncoder().encode('123456789');
for (const [name, crc] of implementations) {
  if (crc(check) !== spec.storage.checksum.check) throw new Error(`${name} is not CRC-32 (IEEE)`);
}

const rows: string[] = [];
for (const size of sizes) {
  const input = new Uint8Array(size).map((_, i) => (i * 31 + 7) & 0xff);
  const bench = new Bench({ time: Number(values.time), warmupTime: 100 });
  for (const [name, crc] of implementations) bench.add(name, () => crc(input));
  await bench.run();
  for (const task of bench.tasks) {
    const hz = task.result && 'throughput' in task.result ? task.result.throughput.mean : 0;
    rows.push(
      `${String(size).padStart(6)} B  ${task.name.padEnd(42)} ${Math.round(hz).toLocaleString('en').padStart(12)} ops/s  ${((hz * size) / 1e6).toFixed(0).padStart(6)} MB/s`,
    );
  }
}
console.log(rows.join('\n'));
