#!/usr/bin/env node
// Fails when a commit subject is longer than 72 characters or a message has no blank line
// between subject and body, for every commit since the rule was adopted (commits before it
// are history and stay as they are). A shallow clone without that commit checks what it has.
import { execFileSync } from 'node:child_process';

const RULE_ADOPTED = '3d53e54'; // commits not reachable from it are checked
const MAX_SUBJECT = 72;

const git = (...args) => execFileSync('git', args, { encoding: 'utf8' });
let range = 'HEAD';
try {
  git('cat-file', '-e', `${RULE_ADOPTED}^{commit}`);
  range = `${RULE_ADOPTED}..HEAD`;
} catch {
  // shallow or foreign history: check every commit present
}
const problems = [];
for (const record of git('log', '--format=%h%x00%B%x01', range).split('\x01')) {
  const [hash, message] = record.replace(/^\n/, '').split('\x00');
  if (!hash) continue;
  const [subject, second] = message.split('\n');
  if (subject.length > MAX_SUBJECT)
    problems.push(`${hash}: subject is ${subject.length} characters (max ${MAX_SUBJECT})`);
  if (second !== undefined && second.trim() !== '') problems.push(`${hash}: no blank line after the subject`);
}
if (problems.length > 0) {
  console.error(`commit messages:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`commit messages: ${range} follows the subject rule`);
