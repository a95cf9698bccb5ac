// One status line while the comparison runs: step n of N, what is being measured, time so far.
// On a terminal it is rewritten in place; elsewhere (CI logs) each step is its own line.

export class Progress {
  private step = 0;
  private readonly started = performance.now();
  private readonly tty = process.stderr.isTTY === true;

  constructor(private readonly total: number) {}

  start(label: string): void {
    this.step++;
    const elapsed = ((performance.now() - this.started) / 1000).toFixed(0).padStart(3);
    const width = String(this.total).length;
    const line = `[${String(this.step).padStart(width)}/${this.total}] ${elapsed} s  ${label}`;
    if (this.tty) process.stderr.write(`\r\x1b[2K${line}`);
    else process.stderr.write(`${line}\n`);
  }

  /** A line that stays (a result or a warning), without losing the status line. */
  note(text: string): void {
    process.stderr.write(this.tty ? `\r\x1b[2K${text}\n` : `${text}\n`);
  }

  done(): void {
    if (this.tty) process.stderr.write('\r\x1b[2K');
    const seconds = ((performance.now() - this.started) / 1000).toFixed(1);
    process.stderr.write(`${this.total} measurements in ${seconds} s\n`);
  }
}
