// The built-site link checker on a small hand-made site: it must pass good links and name
// every kind of broken one.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSite, formatReport, normaliseBase, scanHtml } from '../src/links.js';

const page = (body: string) => `<!doctype html><html><head></head><body>${body}</body></html>`;

describe('checkSite', () => {
  let dist: string;
  const write = (path: string, html: string) => {
    mkdirSync(dirname(join(dist, path)), { recursive: true });
    writeFileSync(join(dist, path), html);
  };

  beforeAll(() => {
    dist = mkdtempSync(join(tmpdir(), 'felix-links-'));
    write('assets/app.js', '');
    write(
      'index.html',
      page(
        '<script src="/docs/assets/app.js"></script><a href="https://example.org/x">external</a><a href="#">top</a>' +
          '<a href="guide/">dir</a><a href="guide/page.html#part">anchor</a><a href="/docs/guide/page">clean url</a>',
      ),
    );
    write('guide/index.html', page('<h1 id="guide">Guide</h1><a href="../index.html">up</a>'));
    write('guide/page.html', page('<h2 id="part">Part</h2><a name="old-style"></a><a href="#old-style">self</a>'));
  });

  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it('passes a site whose links all resolve', () => {
    const report = checkSite(dist, '/docs/');
    expect(report.broken).toEqual([]);
    expect(report.pages).toBe(3);
    expect(report.links).toBe(6);
  });

  it('reports a missing page, a missing anchor and a link outside the base', () => {
    write(
      'bad.html',
      page(
        '<a href="guide/gone.html">gone</a><a href="guide/page.html#nope">no anchor</a><a href="/elsewhere/">out</a>',
      ),
    );
    try {
      const report = checkSite(dist, '/docs/');
      expect(report.broken).toEqual([
        { page: 'bad.html', href: 'guide/gone.html', reason: 'no such file in the built site' },
        { page: 'bad.html', href: 'guide/page.html#nope', reason: 'guide/page.html has no element with id "nope"' },
        { page: 'bad.html', href: '/elsewhere/', reason: "outside the site's base /docs/" },
      ]);
      expect(formatReport(report)).toMatch(/: 3 broken$/);
    } finally {
      rmSync(join(dist, 'bad.html'));
    }
  });

  it('finds ids, anchor names and every kind of link in HTML', () => {
    const scan = scanHtml('<div id="a"><a name="b" href="x.html"></a><img src="i.png"><link href="s.css"></div>');
    expect([...scan.ids]).toEqual(['a', 'b']);
    expect(scan.links).toEqual(['x.html', 'i.png', 's.css']);
  });

  it('normalises base paths', () => {
    expect(['/', '', 'docs', '/docs', 'docs/', '/docs/'].map(normaliseBase)).toEqual([
      '/',
      '/',
      '/docs/',
      '/docs/',
      '/docs/',
      '/docs/',
    ]);
  });
});
