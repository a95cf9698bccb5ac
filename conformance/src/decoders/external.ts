// Runs another implementation's decoder, in one of two ways (conformance/README.md, "Other
// implementations"):
// - one process per vector: the frame's hex is the last argument (or `-`, the hex on stdin, for
//   a frame too long for an argument) and the answer is the JSON object printed on stdout;
// - one long-running process (--lines): a JSON line {"name", "frame_hex"} per vector on stdin,
//   answered by one JSON line {"name", "value"} or {"name", "error"} on stdout, in order.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import type { Outcome } from '../notation.js';
import type { Decoder } from '../run.js';
import type { Vector } from '../vectors.js';

/**
 * Longest hex passed as an argument. Linux refuses a single argument over 128 KiB (E2BIG);
 * the frames at the frame limit are 32 MiB of hex.
 */
export const ARGUMENT_HEX_MAX = 64 * 1024;

/** How long one answer may take: a frame at the limit is 32 MiB of hex to read and decode. */
const answerTimeoutMs = (frameHex: string) => (frameHex.length > ARGUMENT_HEX_MAX ? 60_000 : 10_000);

/** An answer that is not `{"value": …}` or `{"error": "…"}` is reported as what it was. */
function outcomeOf(text: string, context: string): Outcome & { name?: unknown } {
  try {
    const answer = JSON.parse(text);
    if (answer && typeof answer === 'object' && ('value' in answer || 'error' in answer)) return answer;
  } catch {
    // reported below
  }
  return { error: `internal:unreadable answer (${context}): ${text.slice(0, 200)}` };
}

/** One process per vector. */
export function perVectorDecoder(words: string[]): Decoder {
  const [program, ...args] = words;
  const decode = (frameHex: string): Outcome => {
    const onStdin = frameHex.length > ARGUMENT_HEX_MAX;
    const run = spawnSync(program, [...args, onStdin ? '-' : frameHex], {
      encoding: 'utf8',
      input: onStdin ? frameHex : '',
      timeout: answerTimeoutMs(frameHex),
      // The answer to a frame at the limit holds its value as hex: 24 MiB and a little more.
      maxBuffer: 64 << 20,
    });
    if (run.error) return { error: `internal:${run.error.message}` };
    const { name: _, ...outcome } = outcomeOf(run.stdout, `exit ${run.status}, ${run.stderr.slice(0, 200)}`);
    return outcome as Outcome;
  };
  return {
    name: 'external',
    decodeAll: async (vectors) => new Map(vectors.map((v) => [v.name, decode(v.frameHex)])),
  };
}

/** A running line-protocol decoder: one request line in, one answer line out. */
class LineProcess {
  private readonly child: ChildProcess;
  private buffered: Buffer[] = [];
  private waiting: ((line: string | Error) => void) | undefined;
  private stderr = '';
  private exited: string | undefined;

  constructor(words: string[]) {
    const [program, ...args] = words;
    this.child = spawn(program, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout!.on('data', (chunk: Buffer) => this.take(chunk));
    this.child.stderr!.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString('utf8')).slice(-2000);
    });
    // A child that dies closes its stdin; the exit is what gets reported, not an EPIPE.
    this.child.stdin!.on('error', () => {});
    this.child.on('error', (err) => this.end(`could not run: ${err.message}`));
    this.child.on('close', (code, signal) => this.end(`exited (${signal ?? code})`));
  }

  private take(chunk: Buffer): void {
    let at = chunk.indexOf(0x0a);
    while (at >= 0) {
      const line = Buffer.concat([...this.buffered, chunk.subarray(0, at)]).toString('utf8');
      this.buffered = [];
      chunk = chunk.subarray(at + 1);
      const waiter = this.waiting;
      this.waiting = undefined;
      // A line nobody asked for is the decoder talking out of turn; the next request reports it.
      if (waiter) waiter(line);
      else this.end('answered a line it was not asked for');
      at = chunk.indexOf(0x0a);
    }
    if (chunk.length > 0) this.buffered.push(chunk);
  }

  private end(why: string): void {
    this.exited ??= `${why}${this.stderr ? `: ${this.stderr.trim().slice(-300)}` : ''}`;
    const waiter = this.waiting;
    this.waiting = undefined;
    waiter?.(new Error(this.exited));
  }

  /** The answer line to `request`, or an Error saying why none came. */
  ask(request: string, timeoutMs: number): Promise<string | Error> {
    if (this.exited) return Promise.resolve(new Error(this.exited));
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.end(`no answer within ${timeoutMs} ms`);
        this.stop();
      }, timeoutMs);
      this.waiting = (line) => {
        clearTimeout(timer);
        resolve(line);
      };
      this.child.stdin!.write(`${request}\n`);
    });
  }

  get alive(): boolean {
    return this.exited === undefined;
  }

  /** Ends the input, so a well-behaved decoder exits; kills one that is stuck. */
  stop(): void {
    this.child.stdin!.end();
    if (this.exited !== undefined && this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

/**
 * One long-running process for all vectors. A decoder that dies or hangs fails the vector it
 * was answering and is started again for the rest, so one crash costs one cell.
 */
export function lineDecoder(words: string[]): Decoder {
  return {
    name: 'external',
    decodeAll: async (vectors: Vector[]) => {
      const answers = new Map<string, Outcome>();
      let proc = new LineProcess(words);
      for (const v of vectors) {
        if (!proc.alive) {
          proc.stop();
          proc = new LineProcess(words);
        }
        const line = await proc.ask(
          JSON.stringify({ name: v.name, frame_hex: v.frameHex }),
          answerTimeoutMs(v.frameHex),
        );
        if (line instanceof Error) {
          answers.set(v.name, { error: `internal:no answer: ${line.message}` });
          continue;
        }
        const { name, ...outcome } = outcomeOf(line, 'one JSON line');
        answers.set(
          v.name,
          name === undefined || name === v.name
            ? (outcome as Outcome)
            : { error: `internal:answered for ${JSON.stringify(name)}` },
        );
      }
      proc.stop();
      return answers;
    },
  };
}
