// Commander answers `felix frobnicate --help` with the top-level help and exit 0: it prints help
// before it looks for the command. Found first, an unknown command is reported as such (exit 2)
// whatever else the command line holds.
import type { Command } from 'commander';

/**
 * The words that name an unknown command in `args` (`['cache', 'bogus']`), the command groups
 * before it included, or undefined when every command word is known. `help <command>` counts as
 * `<command>`. Options are skipped as words: no command group (felix itself, felix cache) has an
 * option taking a value, and the first command that has no subcommands ends the walk.
 */
export function unknownCommandPath(program: Command, args: readonly string[]): string[] | undefined {
  let group = program;
  const path: string[] = [];
  for (const arg of args) {
    if (arg === '--') return undefined;
    if (arg.startsWith('-')) continue;
    if (arg === 'help' && group.commands.length > 0) continue;
    const command = group.commands.find((c) => c.name() === arg || c.aliases().includes(arg));
    if (!command) return [...path, arg];
    if (command.commands.length === 0) return undefined;
    path.push(arg);
    group = command;
  }
  return undefined;
}
