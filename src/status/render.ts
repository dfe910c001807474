import { formatOffset } from '../schedule/index.js';
import type { ReconcileStatus } from '../state/index.js';
import type { StatusReport } from './report.js';
import { freshnessText } from './withholding.js';

/** Per task in text; JSON has every target. */
const DELAY_ROWS_SHOWN = 20;

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
}

/** `Failed (RunFailed) at 12:00: run … failed; retry 3 at 12:00:40` — the condition, then its message lines. */
export function describeCondition(status: ReconcileStatus): string[] {
  const commit = status.commit ? ` ${status.commit.slice(0, 12)}` : '';
  const retry = status.nextRetryAt ? `; retry ${status.failures + 1} at ${status.nextRetryAt}` : status.condition === 'Failed' && status.reason === 'ValidationFailed' ? '; waits for a new commit' : '';
  const [first = '', ...rest] = status.message.split('\n');
  return [`${status.condition}${commit} (${status.reason}) at ${status.lastAttemptAt}${status.condition === 'Failed' ? `, ${status.failures} ${status.failures === 1 ? 'failure' : 'failures'} in a row` : ''}${retry}`, first, ...rest].filter((l) => l !== '');
}

export function renderStatusText(report: StatusReport): string {
  const lines: string[] = [];
  const last = report.lastApplied;
  lines.push(last ? `Last applied: ${last.commit ? last.commit.slice(0, 12) : 'a directory'}${last.dirty ? ' (dirty)' : ''} at ${last.appliedAt} (serial ${last.serial})` : 'Nothing applied yet: run updops apply.');
  if (report.leader) lines.push(`Leader: ${report.leader.owner}@${report.leader.host} pid ${report.leader.pid} (generation ${report.leader.generation}, since ${report.leader.since})`);
  if (report.reconcile) lines.push(...describeCondition(report.reconcile).map((l, i) => (i === 0 ? `Reconcile: ${l}` : `  ${l}`)));
  lines.push('', 'Groups:');
  for (const g of report.groups) lines.push(`${'  '.repeat(g.depth + 1)}${g.name}  (${g.distributionPoints} DPs, ${g.devices} devices)`);
  if (report.distributionPoints.length) {
    lines.push('', 'Distribution points:');
    const rows = [['NAME', 'GROUP', 'OS', 'VERSION', 'AGE', 'DRIFT', 'SOURCE', 'FRESHNESS']];
    for (const dp of report.distributionPoints) {
      rows.push([dp.name, dp.group, dp.os, dp.version ? `v${dp.version}` : '(empty)', dp.ageHours === null ? '-' : `${dp.ageHours}h`, dp.drift.length ? `${dp.drift.length} files (${dp.drift[0]})` : 'none', dp.source ?? '-', freshnessText(dp.freshness)]);
    }
    lines.push(...table(rows).map((l) => `  ${l}`));
  }
  if (report.tasks.length) {
    lines.push('', 'Tasks:');
    const rows = [['NAME', 'SCHEDULE', 'LAST RUN', 'NEXT START']];
    for (const t of report.tasks) rows.push([t.name, t.schedule, t.lastRun ? `${t.lastRun.status} (${t.lastRun.trigger}, ${t.lastRun.startedAt})` : 'never', t.nextStarts[0] ?? '-']);
    lines.push(...table(rows).map((l) => `  ${l}`));
  }
  const delayed = report.tasks.filter((t) => t.randomDelay);
  if (delayed.length) {
    lines.push('', 'Randomized-delay offsets:');
    for (const t of delayed) {
      const delay = t.randomDelay!;
      lines.push(`  ${t.name}: window ${formatOffset(delay.windowSeconds)}`);
      const shown = delay.targets.slice(0, DELAY_ROWS_SHOWN);
      const rows = [['TARGET', 'OFFSET', 'NEXT START'], ...shown.map((d) => [d.name, `+${formatOffset(d.offsetSeconds)}`, d.nextStart ?? '-'])];
      lines.push(...table(rows).map((l) => `    ${l}`));
      if (delay.targets.length > shown.length) lines.push(`    … and ${delay.targets.length - shown.length} more (updops status --format json lists them all)`);
    }
  }
  if (report.devices?.some((d) => d.lastSeen !== null)) {
    lines.push('', 'Devices:');
    const rows = [['NAME', 'DATABASES', 'PUBLISHED', 'FRESHNESS', 'MODE', 'APP', 'RESTART', 'LAST RESTART', 'LAST UPDATE', 'UNLICENSED UPDATES', 'SOURCE', 'LAST SEEN']];
    for (const d of report.devices ?? []) {
      const mode = d.basesMode === 'withoutDatabases' ? 'without databases' : (d.basesMode ?? '-');
      rows.push([d.name, d.databaseVersion ? `v${d.databaseVersion}` : '-', d.published ?? '-', d.behindWithholding ? `${d.freshness ?? '-'} (behind withholding ${d.behindWithholding})` : (d.freshness ?? '-'), mode, d.applicationVersion ?? '-', d.restartRequired ? 'required' : '-', d.lastRestart ?? '-', d.lastResult ?? '-', d.unlicensedUpdates === null ? '-' : String(d.unlicensedUpdates), d.source ?? '-', d.lastSeen ?? 'no agent']);
    }
    lines.push(...table(rows).map((l) => `  ${l}`));
  }
  // Why a target's last update came from a later source: the earlier ones, each with its error.
  const fellBack = [...report.distributionPoints, ...(report.devices ?? [])].filter((r) => r.source && r.fallbackReason);
  if (fellBack.length) {
    lines.push('', 'Fallbacks (last update from a later source):');
    for (const r of fellBack) lines.push(`  ${r.name}: served by ${r.source ?? ''} (run ${r.sourceRun ?? '?'}); skipped ${r.fallbackReason ?? ''}`);
  }
  return `${lines.join('\n')}\n`;
}
