// Byte diagrams for the protocol reference: an HTML table a browser test can find by its class.
import type { FrameShape, WireField } from './frame-shape.js';

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

interface Cell {
  label: string;
  span: number;
  kind: string;
  className: string;
}

/**
 * An HTML table, four bytes to a row as RFC diagrams draw them. Rows are numbered by frame
 * offset while it is fixed and with `…` after a field whose length varies. A list's item fields
 * are drawn once, marked as repeating.
 */
export function byteDiagram(shape: FrameShape, id: string): string {
  const rows: string[] = [];
  let cells: Cell[] = [];
  let used = 0;
  let offset: number | null = 0;
  let rowStart: number | null = 0;
  const flush = () => {
    if (!cells.length) return;
    if (used < 4) cells.push({ label: '', span: 4 - used, kind: '', className: 'bd-empty' });
    const tds = cells
      .map(
        (c) =>
          `<td colspan="${c.span}" class="${c.className}"${c.kind ? ` title="${escapeHtml(c.kind)}"` : ''}>${escapeHtml(c.label)}</td>`,
      )
      .join('');
    rows.push(`<tr><th scope="row">${rowStart ?? '…'}</th>${tds}</tr>`);
    cells = [];
    used = 0;
    rowStart = offset;
  };
  const place = (f: WireField, label: string, className: string) => {
    if (f.size === null) {
      cells.push({ label: `${label} …`, span: 4 - used, kind: f.kind, className: `${className} bd-variable` });
      used = 4;
      offset = null;
      flush();
      return;
    }
    let remaining = f.size;
    let first = true;
    while (remaining > 0) {
      const take = Math.min(remaining, 4 - used);
      cells.push({ label: first ? label : `${label} (cont.)`, span: take, kind: f.kind, className });
      used += take;
      remaining -= take;
      if (offset !== null) offset += take;
      first = false;
      if (used === 4) flush();
    }
  };
  const labelOf = (f: WireField) => (f.value ? `${f.name} = ${f.value}` : f.name);
  for (const f of shape.header) place(f, labelOf(f), 'bd-header');
  for (const f of shape.payload) {
    if (!f.item) {
      place(f, labelOf(f), 'bd-field');
      continue;
    }
    for (const i of f.item) place(i, `${f.name}[i].${i.name}`, 'bd-field bd-repeat');
  }
  flush();
  const repeated = shape.payload.filter((f) => f.item).map((f) => `${f.name}[i] repeats ${f.name}_count times`);
  const caption = [shape.title, ...repeated].join('; ');
  return [
    `<figure class="byte-diagram" id="${escapeHtml(id)}">`,
    '<table>',
    '<thead><tr><th scope="col">offset</th><th scope="col">+0</th><th scope="col">+1</th><th scope="col">+2</th><th scope="col">+3</th></tr></thead>',
    `<tbody>${rows.join('')}</tbody>`,
    '</table>',
    `<figcaption>${escapeHtml(caption)}</figcaption>`,
    '</figure>',
  ].join('\n');
}
