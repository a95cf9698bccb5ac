// A grouped bar chart as a self-contained SVG: one group per target, one bar per series (p50,
// p99, p999 or a single rate), linear or log scale, value labels on the bars.

export interface BarChart {
  title: string;
  subtitle?: string;
  unit: string;
  groups: string[];
  series: { name: string; values: (number | undefined)[] }[];
  log?: boolean;
}

const PALETTE = ['#4c78a8', '#f58518', '#e45756', '#72b7b2', '#54a24b', '#b279a2'];
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return 'n/a';
  const abs = Math.abs(n);
  const trim = (text: string) => text.replace(/\.0+$/, '');
  if (abs >= 1e6) return `${trim((n / 1e6).toFixed(abs >= 1e7 ? 1 : 2))}M`;
  if (abs >= 1e4) return `${trim((n / 1e3).toFixed(abs >= 1e5 ? 0 : 1))}k`;
  if (abs >= 100 || Number.isInteger(n)) return n.toFixed(0);
  if (abs >= 10) return n.toFixed(1);
  return n.toFixed(2);
}

/** Round upper bound for a linear axis, and its tick step. */
function niceMax(max: number): { top: number; step: number } {
  const raw = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  return { top: step * Math.ceil(max / step), step };
}

export function renderBarChart(chart: BarChart): string {
  const width = 900;
  const height = 420;
  const margin = { top: 64, right: 20, bottom: 70, left: 80 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const values = chart.series.flatMap((s) => s.values).filter((v): v is number => v !== undefined && v > 0);
  const max = values.length ? Math.max(...values) : 1;
  const min = values.length ? Math.min(...values) : 1;

  let y: (v: number) => number;
  let ticks: number[];
  if (chart.log) {
    const lo = 10 ** Math.floor(Math.log10(min));
    const hi = 10 ** Math.ceil(Math.log10(max));
    const span = Math.log10(hi) - Math.log10(lo) || 1;
    y = (v) => plotH - ((Math.log10(Math.max(v, lo)) - Math.log10(lo)) / span) * plotH;
    ticks = [];
    for (let t = lo; t <= hi * 1.0001; t *= 10) ticks.push(t);
  } else {
    const { top, step } = niceMax(max);
    y = (v) => plotH - (v / top) * plotH;
    ticks = [];
    for (let t = 0; t <= top * 1.0001; t += step) ticks.push(t);
  }

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${width / 2}" y="24" text-anchor="middle" font-size="16" font-weight="600">${esc(chart.title)}</text>`,
  );
  if (chart.subtitle)
    out.push(`<text x="${width / 2}" y="44" text-anchor="middle" fill="#555">${esc(chart.subtitle)}</text>`);
  out.push(`<g transform="translate(${margin.left},${margin.top})">`);
  for (const t of ticks) {
    const ty = y(t).toFixed(1);
    out.push(
      `<line x1="0" x2="${plotW}" y1="${ty}" y2="${ty}" stroke="#ddd"/>`,
      `<text x="-8" y="${ty}" text-anchor="end" dominant-baseline="middle" fill="#555">${formatNumber(t)}</text>`,
    );
  }
  out.push(
    `<text transform="translate(-60,${plotH / 2}) rotate(-90)" text-anchor="middle" fill="#333">${esc(chart.unit)}${chart.log ? ' (log scale)' : ''}</text>`,
  );
  const groupW = plotW / chart.groups.length;
  const barW = Math.min(48, (groupW * 0.8) / chart.series.length);
  chart.groups.forEach((group, g) => {
    const x0 = g * groupW + (groupW - barW * chart.series.length) / 2;
    chart.series.forEach((s, i) => {
      const v = s.values[g];
      const x = x0 + i * barW;
      if (v === undefined || !(v > 0)) {
        out.push(`<text x="${(x + barW / 2).toFixed(1)}" y="${plotH - 4}" text-anchor="middle" fill="#999">n/a</text>`);
        return;
      }
      const top = y(v);
      out.push(
        `<rect x="${x.toFixed(1)}" y="${top.toFixed(1)}" width="${(barW - 2).toFixed(1)}" height="${(plotH - top).toFixed(1)}" fill="${PALETTE[i % PALETTE.length]}"><title>${esc(`${group} ${s.name}: ${formatNumber(v)} ${chart.unit}`)}</title></rect>`,
        `<text x="${(x + barW / 2 - 1).toFixed(1)}" y="${(top - 4).toFixed(1)}" text-anchor="middle" font-size="10">${formatNumber(v)}</text>`,
      );
    });
    out.push(
      `<text x="${(g * groupW + groupW / 2).toFixed(1)}" y="${plotH + 18}" text-anchor="middle">${esc(group)}</text>`,
    );
  });
  out.push(`<line x1="0" x2="${plotW}" y1="${plotH}" y2="${plotH}" stroke="#333"/>`);
  if (chart.series.length > 1)
    chart.series.forEach((s, i) => {
      const lx = i * 90;
      out.push(
        `<rect x="${lx}" y="${plotH + 36}" width="12" height="12" fill="${PALETTE[i % PALETTE.length]}"/>`,
        `<text x="${lx + 16}" y="${plotH + 46}">${esc(s.name)}</text>`,
      );
    });
  out.push('</g>', '</svg>');
  return `${out.join('\n')}\n`;
}
