// How the CLI fails: one line on stderr starting with `felix:`, and an exit code a script can
// act on. Expected failures (bad input, a broker refusal, an unreachable broker) never print a
// stack; only a bug does.

export const EXIT_OK = 0;
/** Something went wrong at run time: the broker refused, could not be reached, timed out. */
export const EXIT_FAILURE = 1;
/** The command line was wrong. */
export const EXIT_USAGE = 2;
/** `felix cache get`: the key holds no value. Distinct from a failure so scripts can branch on it. */
export const EXIT_MISS = 3;
/** `felix log verify`: damage the next open repairs by itself (a torn tail, an index, a leftover file). */
export const EXIT_LOG_REPAIRED_AT_OPEN = 4;
/** `felix log verify`: damage the open refuses unless the operator asks for repair, which cuts the log. */
export const EXIT_LOG_NEEDS_REPAIR = 5;
/** `felix log verify`: damage the open refuses even with repair (a segment header). */
export const EXIT_LOG_REFUSED = 6;

/** The command line asks for something impossible; exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A run-time failure the CLI detected itself (a timeout, a stalled benchmark); exits 1. */
export class CliFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliFailure';
  }
}

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim();

/**
 * The SDK's FelixError (and SubscribeCursorError), recognised by its shape: importing the class
 * would load the SDK and its carriers before every command, --help included.
 */
function isFelixError(err: unknown): err is Error & { code: string; retry: string } {
  const e = err as { code?: unknown; retry?: unknown };
  return err instanceof Error && typeof e.code === 'string' && typeof e.retry === 'string';
}

/** The line to print and the exit code for anything a command threw. */
export function describeFailure(err: unknown): { line: string; exitCode: number } {
  if (err instanceof UsageError) return { line: `felix: ${oneLine(err.message)}`, exitCode: EXIT_USAGE };
  if (isFelixError(err)) {
    let line = `felix: ${err.code}: ${oneLine(err.message)}`;
    if (err.code === 'connect_failed' && /certificate|self.signed|fingerprint|pin/i.test(err.message))
      line +=
        ' (pass the broker certificate with --fingerprint or FELIX_CERT_SHA256; the broker prints it as cert-sha256=)';
    if (err.code === 'unauthenticated')
      line += ' (pass a token with --token or FELIX_TOKEN; `felix token mint` makes one)';
    return { line, exitCode: EXIT_FAILURE };
  }
  if (err instanceof CliFailure) return { line: `felix: ${oneLine(err.message)}`, exitCode: EXIT_FAILURE };
  const system = err as NodeJS.ErrnoException;
  if (err instanceof Error && typeof system.code === 'string' && typeof system.syscall === 'string')
    return { line: `felix: ${system.code}: ${oneLine(err.message)}`, exitCode: EXIT_FAILURE };
  // Not something we expected: keep the stack, it is a bug to report.
  return {
    line: `felix: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    exitCode: EXIT_FAILURE,
  };
}
