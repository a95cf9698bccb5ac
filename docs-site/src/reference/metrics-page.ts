// The metrics reference, read from a live BrokerMetrics: every metric the broker registers, with
// its type, labels and help text exactly as /metrics reports them.
import { BrokerMetrics } from '@felix/broker/metrics';
import { code, markdownTable } from './markdown.js';

interface MetricInfo {
  name: string;
  help: string;
  type: string;
  labels: string[];
}

/** prom-client keeps a metric's label names on the instance without typing them. */
const labelNamesOf = (metric: object) => [...((metric as { labelNames?: readonly string[] }).labelNames ?? [])];

export async function brokerMetrics(): Promise<{ own: MetricInfo[]; process: MetricInfo[] }> {
  const metrics = new BrokerMetrics();
  const ownNames = new Set<string>();
  for (const value of Object.values(metrics)) {
    if (value && typeof value === 'object' && 'get' in value && 'name' in value) ownNames.add(String(value.name));
  }
  const own: MetricInfo[] = [];
  const process: MetricInfo[] = [];
  for (const m of await metrics.registry.getMetricsAsJSON()) {
    const single = metrics.registry.getSingleMetric(m.name);
    const info = { name: m.name, help: m.help, type: String(m.type), labels: single ? labelNamesOf(single) : [] };
    (ownNames.has(m.name) ? own : process).push(info);
  }
  if (!own.length) throw new Error('docs-site/src/reference/metrics-page.ts: BrokerMetrics registered no metric');
  return { own, process };
}

const rowsOf = (list: MetricInfo[]) =>
  list.map((m) => [
    `<a id="metric-${m.name}"></a>${code(m.name)}`,
    m.type,
    m.labels.map(code).join(', ') || '—',
    m.help,
  ]);

export async function metricsPage(): Promise<string> {
  const { own, process } = await brokerMetrics();
  return [
    '# Broker metrics',
    '`GET /metrics` on the HTTP listener (`httpBind`, default `127.0.0.1:9400`) answers in the Prometheus text format. Every name starts with `felix_`.',
    '## Broker',
    markdownTable(['Metric', 'Type', 'Labels', 'Meaning'], rowsOf(own)),
    '## Process',
    "prom-client's default Node.js process metrics, with the same prefix.",
    markdownTable(['Metric', 'Type', 'Labels', 'Meaning'], rowsOf(process)),
  ].join('\n\n');
}
