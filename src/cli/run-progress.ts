/**
 * What the CLI shows while runs execute in this process (docs/design.md 2: apply "executes the
 * derived actions with progress"): a line when a run starts, and each local sync's progress
 * at most every few seconds, and what each finished sync moved and from which source (as
 * Terraform prints progress between the plan and its summary).
 */
import type { RunContext } from '../runs/index.js';
import { formatBytes } from '../util/index.js';

const EVERY_MS = 5000;

export function progressLines(write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Pick<RunContext, 'onStarted' | 'onProgress' | 'onSynced'> {
  const last = new Map<string, number>();
  return {
    onStarted: (run) => write(`Run ${run.id} of "${run.task}" started (${run.trigger}).`),
    onProgress: (target, p) => {
      const now = Date.now();
      if (now - (last.get(target.name) ?? 0) < EVERY_MS && p.files < p.filesTotal) return;
      last.set(target.name, now);
      write(`  ${target.name}: ${p.files}/${p.filesTotal} files, ${formatBytes(p.bytes)} of ${formatBytes(p.bytesTotal)}`);
    },
    onSynced: (target, s) => write(`  ${target.name}: done: ${s.files} files, ${formatBytes(s.bytes)} from ${s.source}`),
  };
}
