// Every refusal an attack meets, by what it carried. A refusal must say why: an error frame with
// its code, an acknowledgement whose message leads with the code, a close code on a multiplexed
// carrier, or a close that is itself the answer (a connection cut at accept, a TLS handshake
// past its deadline). Anything else — no answer at all, or a connection dropped after a request
// without a word — is silent, and the harness fails the attack for it.
import { CLOSE_CODES, type WireMessage } from '@felix/generated';

const CLOSE_NAMES = new Map<number, string>(
  Object.entries(CLOSE_CODES).map(([name, code]) => [code, name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)]),
);

/** The code a refusing message carries: its code field, else the code leading its message. */
export function refusalCode(m: WireMessage): string | undefined {
  if (m.type === 'error' || m.type === 'publish_error') return m.code ?? leadingCode(m.message);
  if (m.type === 'binary_publish_ack' && m.status !== 'ok') return leadingCode(m.message) ?? String(m.status);
  return undefined;
}

/** "limit_exceeded: …" → limit_exceeded. */
function leadingCode(message: string): string | undefined {
  return /^([a-z][a-z_]*):/.exec(message)?.[1];
}

export class Refusals {
  private readonly counts = new Map<string, number>();

  /** A refusal that carried `code` (an error code, or how the connection was closed). */
  add(code: string, times = 1): void {
    this.counts.set(code, (this.counts.get(code) ?? 0) + times);
  }

  /** A refusing message; returns its code, or undefined (and nothing counted) when it refuses nothing. */
  message(m: WireMessage): string | undefined {
    const code = refusalCode(m);
    if (code !== undefined) this.add(code);
    return code;
  }

  /** A multiplexed carrier's close, by its code's name. */
  close(code: number): void {
    this.add(`close:${CLOSE_NAMES.get(code) ?? code}`);
  }

  /** A request or connection that got no answer, or was dropped without one. */
  silent(what: string, times = 1): void {
    this.add(`silent:${what}`, times);
  }

  count(code: string): number {
    return this.counts.get(code) ?? 0;
  }

  get silentCount(): number {
    let n = 0;
    for (const [code, count] of this.counts) if (code.startsWith('silent:')) n += count;
    return n;
  }

  byCode(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
  }
}
