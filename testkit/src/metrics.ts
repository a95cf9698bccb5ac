// A broker's Prometheus metrics as tests read them: one scrape, one sample's value, and a
// bounded wait for a value, since gauges settle a moment after what moves them (a close).

export async function scrapeMetrics(httpPort: number): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${httpPort}/metrics`);
  if (!res.ok) throw new Error(`/metrics answered ${res.status}`);
  return res.text();
}

/** The value of the sample `name` with exactly `labels`, or undefined when there is none. */
export function metricValue(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const want = Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .sort()
    .join(',');
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = (m[2] ?? '').split(',').filter(Boolean).sort().join(',');
    if (have === want) return Number(m[3]);
  }
  return undefined;
}

/**
 * Scrapes until the sample satisfies `ok` (an absent sample reads as 0) and returns its value;
 * throws with the last value after `timeoutMs`.
 */
export async function waitForMetric(
  httpPort: number,
  name: string,
  labels: Record<string, string>,
  ok: (value: number) => boolean,
  timeoutMs = 5000,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = metricValue(await scrapeMetrics(httpPort), name, labels) ?? 0;
    if (ok(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`${name}${JSON.stringify(labels)} is still ${value} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
