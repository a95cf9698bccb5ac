// The few Markdown pieces the reference pages need.

export const code = (s: string | number) => `\`${s}\``;

/** A GFM table; pipes inside cells are escaped. */
export function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|').replace(/\n/g, ' ')).join(' | ')} |`;
  return [line(header), `| ${header.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n');
}

export const NOTICE =
  '<!-- generated at docs build time by docs-site/src/reference (npm run reference -w docs-site) — do not edit -->';
