// The Markdown (and raw HTML) toolkit the reference pages are written with: slugs, anchors,
// escaping of spec prose, and a Page that collects blocks and links relative to itself.
import { posix } from 'node:path';
import { type GeneratedFile, notice } from '../../target.js';
import { byteDiagram } from './byte-diagram.js';
import type { FrameShape } from './frame-shape.js';
import { ROOT } from './page-paths.js';
import { rfcNotation } from './rfc-notation.js';

/** GitHub's heading slug, so links to headings work on GitHub and on most static site tools. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** Anchors on table rows: headings for each of dozens of rows would drown the content. */
export const rowAnchor = (kind: string, name: string) => `${kind}-${name.toLowerCase()}`;
export const anchorTag = (id: string) => `<a id="${id}"></a>`;

export const code = (s: string | number) => `\`${s}\``;

/**
 * Spec prose is written as Markdown-ish text (backticks for names). Outside code spans, escape
 * what would otherwise turn into HTML, links or emphasis; inside them nothing is interpreted.
 */
export function prose(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part, i) => {
      if (i % 2 === 1) return part;
      return part
        .replace(/\\/g, '\\\\')
        .replace(/([*<>[\]])/g, '\\$1')
        .replace(/(^|[^\p{L}\p{N}])_|_(?=[^\p{L}\p{N}]|$)/gu, (m) => m.replace('_', '\\_'));
    })
    .join('');
}

/** A table cell: one line, pipes escaped (GFM splits cells on them even inside code spans). */
const cell = (s: string) => s.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');

export class Page {
  private readonly blocks: string[] = [];
  constructor(readonly path: string) {}

  /** Relative link target from this page to `to` (a page path), optionally to an anchor. */
  href(to: string, anchor?: string): string {
    if (to === this.path) return `#${anchor ?? ''}`;
    const rel = posix.relative(posix.dirname(this.path), to);
    return anchor ? `${rel}#${anchor}` : rel;
  }

  link(text: string, to: string, anchor?: string): string {
    return `[${text}](${this.href(to, anchor)})`;
  }

  heading(level: number, text: string): this {
    this.blocks.push(`${'#'.repeat(level)} ${text}`);
    return this;
  }

  para(text: string): this {
    if (text.trim()) this.blocks.push(text.trim());
    return this;
  }

  list(items: string[]): this {
    if (items.length) this.blocks.push(items.map((i) => `- ${i}`).join('\n'));
    return this;
  }

  table(header: string[], rows: string[][]): this {
    const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
    for (const r of rows) {
      if (r.length !== header.length) throw new Error(`${this.path}: table row has ${r.length} cells`);
    }
    this.blocks.push([line(header), `| ${header.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n'));
    return this;
  }

  /** Two-column property table without a meaningful header row. */
  properties(rows: [string, string][]): this {
    return this.table(['Property', 'Value'], rows);
  }

  /** A raw HTML block: one paragraph of markup with no blank line inside. */
  html(markup: string): this {
    if (/\n\s*\n/.test(markup)) throw new Error(`${this.path}: an HTML block must not contain a blank line`);
    this.blocks.push(markup);
    return this;
  }

  /** A frame's byte diagram and the same frame in RFC 9000 notation. */
  frame(shape: FrameShape, id: string): this {
    this.html(byteDiagram(shape, id));
    return this.fence('text', rfcNotation(shape));
  }

  fence(lang: string, text: string): this {
    const body = text.replace(/\n+$/, '');
    const ticks = body.includes('```') ? '````' : '```';
    this.blocks.push(`${ticks}${lang}\n${body}\n${ticks}`);
    return this;
  }

  file(): GeneratedFile {
    return { path: `${ROOT}/${this.path}`, contents: `${notice('md')}\n${this.blocks.join('\n\n')}\n` };
  }
}
