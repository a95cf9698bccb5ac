// `npm run soak [-- --seconds N --attack name]`: replays issue 17's attacks at their full scale
// (20,000 connections, 15,360 subscriptions, …), each against a broker of its own for N seconds
// of load, and prints the table. Exit codes: 0 every attack passed, 1 one failed, 2 usage error.
import { parseCommandLine, usageError } from '@felix/command-line';
import { ATTACKS } from './attacks/index.js';
import { type AttackReport, BUDGET_BYTES, RSS_ALLOWANCE_BYTES, runAttack } from './harness.js';
import { formatReport } from './report.js';

const names = ATTACKS.map((a) => a.name);
const { values } = parseCommandLine({
  name: 'soak',
  usage: `
Usage: npm run soak [-- options]

Replays each attack of issue 17 against a broker process of its own (memory budget
${BUDGET_BYTES.long / 1024 / 1024} MiB), beside a clean publisher/subscriber pair, and prints a table: peak resident
memory, /live p50/p99/max, refusals by code and the clean pair's counts. An attack passes when
memory stays within the budget plus ${RSS_ALLOWANCE_BYTES / 1024 / 1024} MiB, /live p99 is under 100 ms, the clean pair lost
nothing and saw nothing reordered, every refusal carried its code, and its own checks hold.

Options:
  --seconds <s>     how long each attack keeps its load on once set up (default 30)
  --attack <name>   only this attack (repeatable): ${names.join(', ')}
  --short           the short version's counts, as CI runs them (npx vitest run soak)
  -h, --help        print this help

Exit codes: 0 every attack passed, 1 an attack failed, 2 usage error.`,
  config: {
    options: {
      seconds: { type: 'string', default: '30' },
      attack: { type: 'string', multiple: true },
      short: { type: 'boolean', default: false },
    },
  },
});
const seconds = Number(values.seconds);
if (!(seconds > 0)) usageError('soak', '--seconds must be a positive number');
const chosen = values.attack ?? names;
for (const name of chosen)
  if (!names.includes(name)) usageError('soak', `unknown attack ${name} (${names.join(', ')})`);

const scale = { long: !values.short, seconds };
const reports: AttackReport[] = [];
for (const attack of ATTACKS.filter((a) => chosen.includes(a.name))) {
  process.stdout.write(`${attack.name}: ${attack.row} … `);
  const report = await runAttack(attack, scale);
  process.stdout.write(`${report.passed ? 'pass' : 'FAIL'}\n`);
  reports.push(report);
}
console.log(`\n${formatReport(reports)}`);
process.exit(reports.every((r) => r.passed) ? 0 : 1);
