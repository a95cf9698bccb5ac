// Headless Debian Chromium for the browser tests (client demo page, docs site), launched the one
// way that works on these machines: no sandbox (tests run as root), no QUIC unless a test needs
// HTTP/3 (native WebTransport), and nothing that reaches for Google's hosts, whose lookups this
// closed network refuses.
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface ChromiumOptions {
  /**
   * Keep QUIC on, for native WebTransport over HTTP/3 (it is off by default). Chromium 156 opens
   * WebTransport over HTTP/3 even with --disable-quic; a test that needs HTTP/3 asks for QUIC all
   * the same rather than lean on that.
   */
  quic?: boolean;
}

/** Launches Chromium with `extraArgs`; a missing binary is a one-line error saying what installs it. */
export async function launchChromium(
  extraArgs: string[] = [],
  timeoutMs = 30_000,
  options: ChromiumOptions = {},
): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: \`bash scripts/setup.sh --test\` installs it`);
  const flags = options.quic ? FLAGS.filter((flag) => flag !== '--disable-quic') : FLAGS;
  return chromium.launch({ executablePath: CHROMIUM, timeout: timeoutMs, args: [...flags, ...extraArgs] });
}
