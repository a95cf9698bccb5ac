// `npm run reference -w docs-site`: writes the pages that come from broker code (configuration,
// metrics) into docs-site/reference/, which is ignored by git and rebuilt by every docs build.
// (The client API reference in docs-site/api/ comes from typedoc in the same script.)
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configPage } from './config-page.js';
import { NOTICE } from './markdown.js';
import { metricsPage } from './metrics-page.js';

export const REFERENCE_DIR = fileURLToPath(new URL('../../reference/', import.meta.url));

export async function writeReference(dir = REFERENCE_DIR): Promise<string[]> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const pages: Record<string, string> = {
    'configuration.md': configPage(),
    'metrics.md': await metricsPage(),
  };
  for (const [name, body] of Object.entries(pages)) writeFileSync(join(dir, name), `${NOTICE}\n\n${body}\n`);
  return Object.keys(pages);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const written = await writeReference();
  console.log(`reference: wrote ${written.join(', ')}`);
}
