// Latency percentiles over raw samples (nearest rank): with a few thousand samples per cell a
// histogram would only blur the tail we want to see.

export interface LatencySummary {
  samples: number;
  p50: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
}

export function summarize(samples: Float64Array): LatencySummary {
  const sorted = Float64Array.from(samples).sort();
  const n = sorted.length;
  const at = (p: number) => (n === 0 ? Number.NaN : sorted[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))]);
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    samples: n,
    p50: at(50),
    p99: at(99),
    p999: at(99.9),
    max: n === 0 ? Number.NaN : sorted[n - 1],
    mean: sum / n,
  };
}
