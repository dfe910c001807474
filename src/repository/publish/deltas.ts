/**
 * Diff files (docs/design.md 3, docs/repository-format.md "Diff files"): for a path whose content
 * changed, fossil deltas from the contents that path had in each of the last N versions. Each
 * delta is a target of its own; a reader holding the base applies it and checks the result
 * against the full target's hash, falling back to the full file on any failure.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Metadata, Targets } from '@tufjs/models';
import { TargetFile } from '@tufjs/models';
import type { ContentFile } from './content-scan.js';
import { createDeltaInWorker } from './delta-worker.js';
import { sha256Hex, writeFileAtomic } from './files.js';
import { targetFileRelPath } from './local-repository.js';
import { MAX_DELTA_INPUT_BYTES } from './options.js';
import { DELTA_PREFIX } from './targets.js';

export interface DeltaCustom {
  target: string;
  base: string;
  result: string;
}

export interface DeltaPlan {
  repoDir: string;
  files: ContentFile[];
  /** Targets metadata of the previous versions, newest first (index 0 = version V-1). */
  history: (Metadata<Targets> | undefined)[];
  /** `--deltas N`: how many earlier versions to make deltas from. */
  count: number;
}

export function deltaTargetPath(targetPath: string, baseSha256: string): string {
  return `${DELTA_PREFIX}${targetPath}.${baseSha256.slice(0, 16)}.fossil`;
}

export function deltaOf(file: TargetFile): DeltaCustom | undefined {
  const delta = file.custom.delta as Partial<DeltaCustom> | undefined;
  if (!delta || typeof delta.target !== 'string' || typeof delta.base !== 'string' || typeof delta.result !== 'string') return undefined;
  return { target: delta.target, base: delta.base, result: delta.result };
}

/**
 * Delta targets for the new version and the bytes written. Unchanged paths keep the deltas the
 * previous version listed for them (their result is still the current content); changed paths
 * get new ones; removed paths lose theirs.
 */
export async function buildDeltas(plan: DeltaPlan): Promise<{ targets: TargetFile[]; bytes: number }> {
  const out: TargetFile[] = [];
  let bytes = 0;
  if (plan.count === 0) return { targets: out, bytes };
  const previous = plan.history[0]?.signed.targets ?? {};
  for (const file of plan.files) {
    if (previous[file.path]?.hashes.sha256 === file.sha256) {
      out.push(...carriedDeltas(previous, file).slice(0, plan.count));
      continue;
    }
    const bases = baseHashes(plan, file);
    if (bases.length === 0 || file.length > MAX_DELTA_INPUT_BYTES) continue;
    for (const base of bases) {
      const made = await makeDelta(plan.repoDir, file, base);
      if (made) {
        out.push(made.target);
        bytes += made.bytes;
      }
    }
  }
  return { targets: out, bytes };
}

function carriedDeltas(previous: Record<string, TargetFile>, file: ContentFile): TargetFile[] {
  return Object.values(previous).filter((t) => {
    const d = deltaOf(t);
    return d !== undefined && d.target === file.path && d.result === file.sha256;
  });
}

/** Distinct earlier contents of the path in the last N versions, newest first. */
function baseHashes(plan: DeltaPlan, file: ContentFile): { sha256: string; length: number }[] {
  const seen = new Set<string>([file.sha256]);
  const bases: { sha256: string; length: number }[] = [];
  for (const md of plan.history.slice(0, plan.count)) {
    const old = md?.signed.targets[file.path];
    const sha256 = old?.hashes.sha256;
    if (!old || !sha256 || seen.has(sha256)) continue;
    seen.add(sha256);
    bases.push({ sha256, length: old.length });
  }
  return bases;
}

async function makeDelta(
  repoDir: string,
  file: ContentFile,
  base: { sha256: string; length: number },
): Promise<{ target: TargetFile; bytes: number } | undefined> {
  if (base.length > MAX_DELTA_INPUT_BYTES) return undefined;
  const baseFile = path.join(repoDir, targetFileRelPath(file.path, base.sha256));
  if (!(await stat(baseFile).catch(() => undefined))?.isFile()) return undefined; // pruned: no delta from it
  // Both sides are the stored copies in targets/: named by their hash, checked again in the worker.
  const delta = await createDeltaInWorker({
    base: baseFile,
    baseSha256: base.sha256,
    result: path.join(repoDir, targetFileRelPath(file.path, file.sha256)),
    resultSha256: file.sha256,
  });
  if (!delta || delta.length >= file.length) return undefined; // damaged base, or no saving: readers take the full file
  const deltaPath = deltaTargetPath(file.path, base.sha256);
  const deltaSha = sha256Hex(delta);
  const stored = path.join(repoDir, targetFileRelPath(deltaPath, deltaSha));
  const present = await stat(stored).catch(() => undefined);
  if (!present) await writeFileAtomic(stored, delta);
  const custom: DeltaCustom = { target: file.path, base: base.sha256, result: file.sha256 };
  const target = new TargetFile({
    path: deltaPath,
    length: delta.length,
    hashes: { sha256: deltaSha },
    unrecognizedFields: { custom: { delta: { ...custom } } },
  });
  return { target, bytes: present ? 0 : delta.length };
}
