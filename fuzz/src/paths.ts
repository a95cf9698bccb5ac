// Repository paths, found through package resolution: `npm run fuzz` runs an esbuild bundle
// whose import.meta.url is the bundle's, not the source file's.
import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const ROOT = join(
  dirname(realpathSync(createRequire(import.meta.url).resolve('@felix/fuzz/package.json'))),
  '..',
);
export const SPEC_DIR = join(ROOT, 'spec');
export const CORPUS_DIR = join(ROOT, 'fuzz', 'corpus');
export const VECTORS_DIR = join(ROOT, 'conformance', 'vectors');
export const UPSTREAM_VECTORS_DIR = join(ROOT, 'conformance', 'upstream-vectors');
export const REGRESSIONS_DIR = join(ROOT, 'conformance', 'regressions');
