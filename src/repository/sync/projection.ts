/**
 * What a sync would move, worked out from metadata alone (issue 19 "plan shows projected bytes per
 * DP link"): the rule of fetch-targets.ts without the disk — every selected target the destination
 * does not hold, a diff file instead of its full file when the destination holds the diff's base
 * and diffs are wanted. Pure, so the planner can run it over thousands of DPs.
 */
import { isDelta, isSelected, type SelectableTarget, type TargetSelection } from './selection.js';

export interface ProjectedTarget extends SelectableTarget {
  length: number;
  sha256: string | undefined;
}

export interface HeldTarget {
  length: number;
  sha256: string;
}

export interface Projection {
  files: number;
  bytes: number;
  /** Full files a diff file stands in for (their bytes are not counted). */
  fromDiffs: number;
}

interface DeltaOf {
  target: string;
  base: string;
  result: string;
}

function deltaOf(entry: SelectableTarget): DeltaOf | undefined {
  const d = entry.custom.delta as Partial<DeltaOf> | undefined;
  return typeof d?.target === 'string' && typeof d.base === 'string' && typeof d.result === 'string' ? { target: d.target, base: d.base, result: d.result } : undefined;
}

export function projectTransfer(next: ReadonlyMap<string, ProjectedTarget>, held: ReadonlyMap<string, HeldTarget>, selection: TargetSelection): Projection {
  const has = (name: string, entry: ProjectedTarget): boolean => {
    const h = held.get(name);
    return h !== undefined && h.length === entry.length && (entry.sha256 === undefined || h.sha256 === entry.sha256);
  };
  const out: Projection = { files: 0, bytes: 0, fromDiffs: 0 };
  const deltas = new Map<string, ProjectedTarget & { delta: DeltaOf }>();
  for (const [name, entry] of next) {
    const delta = isDelta(entry) ? deltaOf(entry) : undefined;
    if (delta && isSelected(name, entry, selection)) deltas.set(`${delta.target}\u0000${delta.base}\u0000${delta.result}`, { ...entry, delta });
  }
  for (const [name, entry] of next) {
    if (!isSelected(name, entry, selection) || has(name, entry)) continue;
    if (isDelta(entry)) {
      out.files += 1;
      out.bytes += entry.length;
      continue;
    }
    const base = held.get(name);
    // The diff file is fetched anyway (above); the full file is then rebuilt from it, not fetched.
    if (selection.diffs && base && entry.sha256 && deltas.has(`${name}\u0000${base.sha256}\u0000${entry.sha256}`)) {
      out.fromDiffs += 1;
      continue;
    }
    out.files += 1;
    out.bytes += entry.length;
  }
  return out;
}
