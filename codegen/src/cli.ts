// `npm run generate [-- --check] [--spec DIR] [--out DIR]`: regenerate everything from spec/.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SpecError } from '@felix/spec';
import { parseCommandLine } from './command-line.js';
import { check, generate } from './generate.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const { values } = parseCommandLine({
  name: 'generate',
  usage: `
Usage: npm run generate [-- options]

Regenerates every file derived from spec/: codec, schemas, Kaitai parsers, vectors, docs
(one target each in codegen/src/targets/).

Options:
  --check        write nothing; exit 1 when a generated file differs from what spec/ gives
  --spec <dir>   the spec directory (default spec/)
  --out <dir>    the repository root to write under (default this repository)
  -h, --help     print this help

Exit codes: 0 done, 1 out of date (--check), 2 usage error or an invalid spec.`,
  config: {
    options: {
      check: { type: 'boolean', default: false },
      spec: { type: 'string' },
      out: { type: 'string' },
    },
  },
});
const outDir = resolve(values.out ?? repoRoot);
const specDir = values.spec ? resolve(values.spec) : undefined;

try {
  if (values.check) {
    const differences = await check({ outDir, specDir });
    if (differences.length) {
      console.error(`generated files are out of date with spec/ (${differences.length}):`);
      for (const d of differences) console.error(`  ${d}`);
      console.error('run `npm run generate` and commit the result');
      process.exit(1);
    }
    console.log('generated files match spec/');
  } else {
    const { files, differences } = await generate({ outDir, specDir });
    console.log(`generated ${files.length} files, ${differences.length} changed`);
  }
} catch (err) {
  if (err instanceof SpecError) {
    console.error(err.message);
    process.exit(2);
  }
  throw err;
}
