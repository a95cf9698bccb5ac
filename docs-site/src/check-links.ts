// `npm run check-links -w docs-site`: the link check over the built site (FELIX_DOCS_OUT or
// .vitepress/dist, base FELIX_DOCS_BASE or /). Exits 1 when a link is broken.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkSite, formatReport } from './links.js';

const dist = process.env.FELIX_DOCS_OUT || fileURLToPath(new URL('../.vitepress/dist/', import.meta.url));
if (!existsSync(dist)) {
  console.error(`${dist} does not exist: build the site first (npm run docs:build)`);
  process.exit(1);
}
const report = checkSite(dist, process.env.FELIX_DOCS_BASE ?? '/');
console.log(formatReport(report));
process.exit(report.broken.length ? 1 : 0);
