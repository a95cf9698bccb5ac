// Latency figures as the report gives them: how many, the median, the 99th percentile, the worst.

export interface Quantiles {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

/** Nearest-rank quantiles of `values`; zeros when there are none. */
export function quantiles(values: readonly number[]): Quantiles {
  if (values.length === 0) return { count: 0, p50: 0, p99: 0, max: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { count: sorted.length, p50: rank(0.5), p99: rank(0.99), max: sorted[sorted.length - 1] };
}
