// Checks every internal link of a built site: each href/src on every HTML page must name a file
// of the site (under its base path), and each #fragment an id on the page it points to.
// VitePress's own dead-link check sees only Markdown links to pages; this one also sees links
// written as HTML, theme links, assets and anchors.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { Parser } from 'htmlparser2';

export interface BrokenLink {
  /** The page the link is on, relative to the site root. */
  page: string;
  href: string;
  reason: string;
}

export interface LinkReport {
  pages: number;
  links: number;
  broken: BrokenLink[];
}

interface PageScan {
  ids: Set<string>;
  links: string[];
}

const LINK_ATTRIBUTES: Record<string, string[]> = {
  a: ['href'],
  link: ['href'],
  script: ['src'],
  img: ['src'],
  source: ['src'],
  iframe: ['src'],
};

export function scanHtml(html: string): PageScan {
  const ids = new Set<string>();
  const links: string[] = [];
  const parser = new Parser({
    onopentag(name, attributes) {
      if (attributes.id) ids.add(attributes.id);
      if (name === 'a' && attributes.name) ids.add(attributes.name);
      for (const attribute of LINK_ATTRIBUTES[name] ?? []) {
        const value = attributes[attribute];
        if (value !== undefined) links.push(value);
      }
    },
  });
  parser.write(html);
  parser.end();
  return { ids, links };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
}

/** `/`, `/docs/` from `docs`, `/docs`, `docs/`. */
export function normaliseBase(base: string): string {
  const trimmed = base.replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

const isExternal = (href: string) => /^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//');

/** The file a site path names, as served: directories by their index.html, clean URLs by .html. */
function fileFor(path: string, files: Set<string>): string | undefined {
  const candidates =
    path === '' || path.endsWith('/') ? [`${path}index.html`] : [path, `${path}.html`, `${path}/index.html`];
  return candidates.find((c) => files.has(c));
}

export function checkSite(distDir: string, base = '/'): LinkReport {
  const root = normaliseBase(base);
  const files = new Set(filesUnder(distDir).map((f) => relative(distDir, f).split(sep).join('/')));
  const pages = [...files].filter((f) => f.endsWith('.html'));
  const scans = new Map(pages.map((p) => [p, scanHtml(readFileSync(join(distDir, p), 'utf8'))]));
  const broken: BrokenLink[] = [];
  let links = 0;
  for (const [page, scan] of scans) {
    const pageUrl = new URL(`${root}${page}`, 'http://site.invalid');
    for (const href of scan.links) {
      if (isExternal(href) || href === '' || href === '#') continue;
      links++;
      const url = new URL(href, pageUrl);
      const path = decodeURIComponent(url.pathname);
      if (!path.startsWith(root)) {
        broken.push({ page, href, reason: `outside the site's base ${root}` });
        continue;
      }
      const target = fileFor(path.slice(root.length), files);
      if (!target) {
        broken.push({ page, href, reason: 'no such file in the built site' });
        continue;
      }
      const fragment = decodeURIComponent(url.hash.slice(1));
      if (fragment && target.endsWith('.html') && !scans.get(target)!.ids.has(fragment)) {
        broken.push({ page, href, reason: `${target} has no element with id "${fragment}"` });
      }
    }
  }
  return { pages: pages.length, links, broken };
}

export function formatReport(report: LinkReport): string {
  const lines = report.broken.map((b) => `${b.page}: ${b.href} — ${b.reason}`);
  lines.push(`checked ${report.links} internal links on ${report.pages} pages: ${report.broken.length} broken`);
  return lines.join('\n');
}
