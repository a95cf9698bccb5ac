// The words of an --external command: a JSON array of strings as given, or a command line split
// as a POSIX shell splits one (quotes and backslashes; no variables, globs or operators).

export class CommandWordsError extends Error {}

export function commandWords(command: string): string[] {
  const trimmed = command.trim();
  const words = trimmed.startsWith('[') ? jsonWords(trimmed) : shellWords(command);
  if (words.length === 0 || words[0] === '') throw new CommandWordsError('the command is empty');
  return words;
}

function jsonWords(text: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new CommandWordsError(`the command is not a JSON array: ${(err as Error).message}`);
  }
  if (!Array.isArray(value) || !value.every((w) => typeof w === 'string'))
    throw new CommandWordsError('a JSON command must be an array of strings');
  return value;
}

/** In double quotes a backslash escapes only these, as in a POSIX shell. */
const ESCAPABLE_IN_DOUBLE_QUOTES = new Set(['"', '\\', '$', '`', '\n']);

function shellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === ' ' || c === '\t' || c === '\n') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new CommandWordsError('unterminated single quote');
      word += line.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      for (i++; ; i++) {
        if (i >= line.length) throw new CommandWordsError('unterminated double quote');
        const d = line[i];
        if (d === '"') break;
        if (d === '\\' && ESCAPABLE_IN_DOUBLE_QUOTES.has(line[i + 1])) {
          i++;
          if (line[i] !== '\n') word += line[i];
        } else word += d;
      }
    } else if (c === '\\') {
      if (i + 1 >= line.length) throw new CommandWordsError('a backslash ends the command');
      i++;
      if (line[i] !== '\n') word += line[i];
    } else word += c;
  }
  if (inWord) words.push(word);
  return words;
}
