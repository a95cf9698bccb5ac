// The parent's side of consumer-process.mjs: starts it, parses its lines into what it received
// and what the broker confirmed, and kills it by its PID.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./consumer-process.mjs', import.meta.url));

export interface ConsumerProcessOptions {
  url: string;
  certSha256: string;
  token: string | undefined;
  stream: string;
  group: string;
  /** `hold` never acks: its records stay in flight until the broker takes them back. */
  mode: 'ack' | 'hold';
  ackWaitMs: number;
  maxInFlight: number;
}

export interface ConsumerRecord {
  offset: number;
  id: string;
}

export class ConsumerProcess {
  readonly received: (ConsumerRecord & { deliveryCount: number })[] = [];
  readonly acked: ConsumerRecord[] = [];
  joined = false;
  private readonly proc: ChildProcess;
  private readonly exited: Promise<void>;
  private stderr = '';

  constructor(options: ConsumerProcessOptions) {
    const o = options;
    const args = [o.url, o.certSha256, o.token ?? '', o.stream, o.group, o.mode, String(o.ackWaitMs)];
    this.proc = spawn(process.execPath, [SCRIPT, ...args, String(o.maxInFlight)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.exited = new Promise((resolve) => this.proc.once('exit', () => resolve()));
    let partial = '';
    this.proc.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) this.take(line.split(' '));
    });
    this.proc.stderr?.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
  }

  /** What the process wrote on stderr, for a failing test's message. */
  get errors(): string {
    return this.stderr;
  }

  get running(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }

  /** SIGKILL: no goodbye to the broker, its records in flight with it. */
  async kill(): Promise<void> {
    if (this.running) this.proc.kill('SIGKILL');
    await this.exited;
  }

  private take([what, ...rest]: string[]): void {
    if (what === 'joined') this.joined = true;
    else if (what === 'received')
      this.received.push({ offset: Number(rest[0]), deliveryCount: Number(rest[1]), id: rest[2] });
    else if (what === 'acked') this.acked.push({ offset: Number(rest[0]), id: rest[1] });
  }
}
