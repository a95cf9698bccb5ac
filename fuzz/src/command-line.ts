// The command line of `npm run fuzz`: node:util parseArgs, plus what every command owes its
// user, as the felix command does it. --help (-h) prints the usage on stdout and exits 0, whatever
// else the line holds; a line parseArgs refuses (an unknown option, a missing value, a stray
// argument) is one `fuzz: …` line on stderr and exit 2.
// bench, fuzz, conformance and codegen each keep a copy of this module: they share no package
// it would belong in, and it is too small to be one.
import { type ParseArgsConfig, parseArgs } from 'node:util';

/** The command line was wrong (README: 0 done, 1 run-time failure, 2 usage error). */
export const EXIT_USAGE = 2;

export interface CommandLine<T extends ParseArgsConfig> {
  /** How the command names itself in errors. */
  name: string;
  /** What --help prints. */
  usage: string;
  /** parseArgs options and allowPositionals; parsing is always strict. */
  config: T;
}

/** Prints one `name: message` line on stderr and exits 2. */
export function usageError(name: string, message: string): never {
  process.stderr.write(`${name}: ${message}\n`);
  process.exit(EXIT_USAGE);
}

/** process.argv parsed by `config`, after answering --help and refusing a bad line. */
export function parseCommandLine<const T extends Omit<ParseArgsConfig, 'args' | 'strict' | 'tokens'>>(
  command: CommandLine<T>,
): ReturnType<typeof parseArgs<T>> {
  const args = process.argv.slice(2);
  if (asksForHelp(args, command.config)) {
    process.stdout.write(`${command.usage.trim()}\n`);
    process.exit(0);
  }
  try {
    return parseArgs({ ...command.config, args, strict: true }) as ReturnType<typeof parseArgs<T>>;
  } catch (err) {
    if (!isParseArgsError(err)) throw err;
    return usageError(command.name, firstSentence(err.message));
  }
}

/** A lenient parse, so a value such as `--out -h` is not taken for help. */
function asksForHelp(args: string[], config: ParseArgsConfig): boolean {
  const { tokens } = parseArgs({
    args,
    options: { ...config.options, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  return tokens.some((t) => t.kind === 'option' && t.name === 'help');
}

function isParseArgsError(err: unknown): err is Error {
  const code = (err as { code?: unknown }).code;
  return err instanceof Error && typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

/** "Unknown option '--x'. To specify …" → "unknown option '--x'": one line, in felix's style. */
function firstSentence(message: string): string {
  const first = message.split(/\.\s|\n/)[0].replace(/\.$/, '');
  return first.charAt(0).toLowerCase() + first.slice(1);
}
