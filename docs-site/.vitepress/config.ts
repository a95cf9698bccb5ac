// The Felix docs site. The base path comes from FELIX_DOCS_BASE (GitHub Pages serves a project
// site under /<repository>/) and the output directory from FELIX_DOCS_OUT, so a test can build
// a copy elsewhere under a non-root base.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type DefaultTheme, defineConfig } from 'vitepress';
import { githubSlug } from '../src/slug.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

function readJson<T>(path: string, fallback: T): T {
  return existsSync(here(path)) ? (JSON.parse(readFileSync(here(path), 'utf8')) as T) : fallback;
}

/** Written by `npm run generate` from the spec. */
const protocolSidebar = readJson<{ sections: DefaultTheme.SidebarItem[] }>('../protocol/sidebar.json', {
  sections: [],
}).sections;

/** Written by typedoc (typedoc-vitepress-theme) during `npm run reference`. */
const apiSidebar = readJson<DefaultTheme.SidebarItem[]>('../api/typedoc-sidebar.json', []);

function normaliseBase(base: string): string {
  return `/${base.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
}

export default defineConfig({
  title: 'Felix',
  description: 'Felix: a low-latency messaging backbone behind one spec-first wire protocol',
  base: normaliseBase(process.env.FELIX_DOCS_BASE ?? '/'),
  outDir: process.env.FELIX_DOCS_OUT || undefined,
  srcExclude: ['README.md', 'src/**', 'test/**'],
  cleanUrls: false,
  lastUpdated: false,
  markdown: {
    // The protocol pages link to headings by GitHub's slugs, so they work on GitHub as well.
    anchor: { slugify: githubSlug },
  },
  themeConfig: {
    nav: [
      { text: 'Protocol', link: '/protocol/' },
      { text: 'Client', link: '/guide/client' },
      { text: 'Operations', link: '/operations' },
      { text: 'Implementers', link: '/guide/implementers' },
      { text: 'API', link: '/api/' },
    ],
    sidebar: {
      '/protocol/': protocolSidebar,
      '/api/': [{ text: '@felix/client API', link: '/api/', items: apiSidebar }],
      '/': [
        {
          text: 'Guides',
          items: [
            { text: 'Client guide', link: '/guide/client' },
            { text: 'Queues: consumer groups', link: '/guide/queues' },
            { text: 'Other implementations', link: '/guide/implementers' },
          ],
        },
        {
          text: 'Operations',
          items: [
            { text: 'Running the broker', link: '/operations' },
            { text: 'Configuration', link: '/reference/configuration' },
            { text: 'Metrics', link: '/reference/metrics' },
            { text: 'Durable log files (felix log)', link: '/guide/felix-log' },
          ],
        },
      ],
    },
    outline: { level: [2, 3] },
    search: { provider: 'local' },
  },
});
