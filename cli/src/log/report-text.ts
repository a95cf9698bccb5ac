// `felix log inspect` and `felix log verify` as text: a table of a shard's segments, and each
// problem with its site and what recovery does about it, then what the next open does.
import { basename } from 'node:path';
import {
  type ParsedShardName,
  type ProblemRecovery,
  parseShardDirectoryName,
  type RecoveryPlan,
  type SegmentSummary,
  type ShardProblem,
  type ShardVerification,
} from '@felix/storage';

/** Microseconds since the Unix epoch as an ISO 8601 time with all six digits of the fraction. */
export function isoMicros(micros: number): string {
  const date = new Date(Math.floor(micros / 1000));
  if (Number.isNaN(date.getTime())) return `${micros} µs`;
  const fraction = String(((micros % 1_000_000) + 1_000_000) % 1_000_000).padStart(6, '0');
  return date.toISOString().replace(/\.\d{3}Z$/, `.${fraction}Z`);
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The shard's key as its directory's name gives it. */
export function describeShardName(dir: string): { parsed: ParsedShardName | undefined; text: string } {
  const name = basename(dir);
  const parsed = parseShardDirectoryName(name);
  if (!parsed) return { parsed, text: `not a shard directory name (<tenant>_<namespace>_<stream>_<shard>-<hash>)` };
  if (parsed.key) {
    const { tenant, namespace, stream, shard } = parsed.key;
    return {
      parsed,
      text: `tenant ${tenant}, namespace ${namespace}, stream ${stream}, shard ${shard} (the name's hash confirms it)`,
    };
  }
  return {
    parsed,
    text: `${parsed.readable}, shard ${parsed.shard}: the name renders the key lossily (hash ${parsed.hash}), so tenant, namespace and stream are not certain`,
  };
}

function table(rows: string[][], rightAligned: ReadonlySet<number>): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) =>
    r
      .map((cell, c) => (rightAligned.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join('  ')
      .trimEnd(),
  );
}

function indexCell(segment: SegmentSummary): string {
  const { index } = segment;
  const entries = index.entries === undefined ? '' : `${plural(index.entries, 'entry', 'entries')}, `;
  if (index.status === 'matches') return `${entries}matches`;
  if (index.status === 'unchecked') return `${entries}not checked (segment header unreadable)`;
  return `${entries}${index.status}: rebuilt at the next open`;
}

const orDash = (value: number | undefined) => (value === undefined ? '-' : String(value));

/** `felix log inspect`: the shard, its segments and totals. */
export function inspectText(report: ShardVerification): string[] {
  const lines = [
    `shard    ${basename(report.dir)}`,
    `key      ${describeShardName(report.dir).text}`,
    `dir      ${report.dir}`,
    '',
  ];
  const rows = [['segment', 'base', 'records', 'first', 'last', 'bytes', 'created', 'state', 'index']];
  for (const s of report.segments)
    rows.push([
      basename(s.path),
      orDash(s.baseOffset),
      String(s.records),
      orDash(s.firstOffset),
      orDash(s.lastOffset),
      String(s.fileBytes),
      s.createdAtMicros === undefined ? '-' : isoMicros(s.createdAtMicros),
      `${s.active ? 'active' : 'sealed'}${s.problems > 0 ? ', damaged' : ''}`,
      indexCell(s),
    ]);
  lines.push(...table(rows, new Set([1, 2, 3, 4, 5])));
  const { totals } = report;
  const offsets =
    totals.firstOffset === undefined ? 'no records' : `offsets ${totals.firstOffset}–${totals.lastOffset}`;
  lines.push(
    '',
    `total    ${plural(totals.segments, 'segment')}, ${plural(totals.records, 'record')}, ${offsets}, ${plural(totals.bytes, 'byte')}, ${plural(totals.indexEntries, 'index entry', 'index entries')}`,
  );
  const problems = report.problems.length + report.problemsOmitted;
  if (problems > 0)
    lines.push(`damage   ${plural(problems, 'problem')}: \`felix log verify ${report.dir}\` names them`);
  return lines;
}

const RECOVERY_TEXT: Readonly<Record<ProblemRecovery, string>> = {
  repair_automatically: 'an unfinished write: the next open truncates it by itself',
  needs_opt_in: 'needs opt-in: the open refuses unless repair is asked for, and repair cuts the log here',
  never_repaired: 'never repaired: the open refuses even with repair (restore the segment from a copy)',
  rebuild_index: 'the next open rebuilds the index from its segment',
  remove_file: 'the next open deletes it',
};

function problemLines(problem: ShardProblem): string[] {
  const field = problem.field === undefined ? '' : ` in ${problem.field}`;
  return [
    `  ${problem.path} byte ${problem.position}: ${problem.code}${field}: ${problem.detail}`,
    `    recovery: ${RECOVERY_TEXT[problem.recovery]}`,
  ];
}

function planText(plan: RecoveryPlan): string {
  const actions: string[] = [];
  const t = plan.truncation;
  if (t)
    actions.push(
      `truncates ${basename(t.path)} at byte ${t.position} (dropping ${plural(t.droppedBytes, 'byte')}, offsets from ${t.firstDroppedOffset} on)`,
    );
  if (plan.deletedSegments.length > 0)
    actions.push(
      `deletes ${plural(plan.deletedSegments.length, 'later segment')} (${plan.deletedSegments.map((d) => basename(d.path)).join(', ')})`,
    );
  if (plan.rebuiltIndexes.length > 0)
    actions.push(`rebuilds ${plural(plan.rebuiltIndexes.length, 'index', 'indexes')}`);
  if (plan.removedFiles.length > 0) actions.push(`deletes ${plural(plan.removedFiles.length, 'leftover file')}`);
  const list = actions.join(', ');
  const at = plan.decidedBy
    ? `${basename(plan.decidedBy.path)} byte ${plan.decidedBy.position} (${plan.decidedBy.code})`
    : '';
  switch (plan.outcome) {
    case 'opens':
      return 'opens it as it is';
    case 'opens_after_repairs':
      return `${list} by itself, and opens it`;
    case 'refuses_without_repair':
      return `refuses it at ${at} unless repair is asked for; with repair it ${list || 'opens it'}`;
    case 'refuses':
      return `refuses it at ${at}, even with repair${plan.removedFiles.length > 0 ? ` (after it ${list})` : ''}`;
  }
}

/** `felix log verify`: one line when clean; else every problem and what the next open does. */
export function verifyText(report: ShardVerification): string[] {
  const { totals } = report;
  if (report.problems.length === 0 && report.problemsOmitted === 0)
    return [
      `ok: ${report.dir}: ${plural(totals.segments, 'segment')}, ${plural(totals.records, 'record')}: every checksum, offset and index verified`,
    ];
  const lines = [`damaged: ${report.dir}`];
  for (const problem of report.problems) lines.push(...problemLines(problem));
  if (report.problemsOmitted > 0) lines.push(`  … and ${plural(report.problemsOmitted, 'more problem')} not listed`);
  lines.push(`  the next open ${planText(report.plan)}`);
  if (report.segments.some((s) => s.index.status === 'stale' && s.index.entriesNameRecords))
    lines.push(
      '  (an index whose every entry names a real record was written at another spacing: pass the one the broker uses as --index-spacing)',
    );
  return lines;
}
