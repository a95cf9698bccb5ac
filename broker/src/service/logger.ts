// Structured JSON logs (pino): one line per event, machine-readable, cheap when filtered out.
import { type Logger, pino } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({ name: 'felix-broker', level, base: { pid: process.pid } });
}
