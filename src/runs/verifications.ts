/**
 * Verify on test devices first (docs/architecture.md "Verify on test devices"): which download
 * tasks verify their releases (`spec.verifyOn`), on which test devices, and whose releases they
 * hold back — every device their DPs serve (`distributionPoint` resolution) other than the test
 * devices. Pure over the config model, computed once per model: `heldBy` is asked for every
 * device a run dispatches.
 */
import { downloadTaskDistributionPoints, scopeDevices, type ConfigModel } from '../manifests/index.js';
import { parseCompoundDuration } from '../util/index.js';
import { deviceDistributionPoints } from '../sources/index.js';
import { specHash, type RolloutProgress, type VerificationProgress } from '../state/index.js';

export interface VerifyingTask {
  /** The download task. */
  task: string;
  /** The Update task of the test devices. */
  testTask: string;
  testDevices: string[];
  /** The DPs the task downloads to. */
  distributionPoints: string[];
  successThreshold: number;
  pendingTimeoutMs: number;
  /** The hash of `verifyOn`: a commit changing it verifies a failed release again. */
  specHash: string;
}

interface Index {
  tasks: VerifyingTask[];
  /** DP → the verifying task downloading to it (a rule allows one). */
  byDp: Map<string, VerifyingTask>;
  tests: Map<VerifyingTask, Set<string>>;
}

const indexes = new WeakMap<ConfigModel, Index>();

function index(model: ConfigModel): Index {
  let found = indexes.get(model);
  if (found) return found;
  const tasks: VerifyingTask[] = [];
  const byDp = new Map<string, VerifyingTask>();
  const tests = new Map<VerifyingTask, Set<string>>();
  for (const [name, loaded] of model.tasks) {
    const { spec } = loaded.manifest;
    if (spec.type !== 'DownloadUpdatesToDistributionPoints' || !spec.verifyOn) continue;
    const test = model.tasks.get(spec.verifyOn.task)?.manifest.spec;
    const verifying: VerifyingTask = {
      task: name,
      testTask: spec.verifyOn.task,
      testDevices: test?.type === 'Update' ? scopeDevices(model, test.scope).map((d) => d.item.name) : [],
      distributionPoints: downloadTaskDistributionPoints(model, name, spec.scope).map((dp) => dp.item.name),
      successThreshold: spec.verifyOn.successThreshold ?? 100,
      pendingTimeoutMs: parseCompoundDuration(spec.verifyOn.pendingTimeout ?? '1h', { seconds: true }) ?? 3_600_000,
      specHash: specHash(spec.verifyOn),
    };
    tasks.push(verifying);
    tests.set(verifying, new Set(verifying.testDevices));
    for (const dp of verifying.distributionPoints) if (!byDp.has(dp)) byDp.set(dp, verifying);
  }
  found = { tasks, byDp, tests };
  indexes.set(model, found);
  return found;
}

/** How a release under test stands, in words: its gate progressing, completed or halted. */
export const VERIFICATION_WORDS: Record<RolloutProgress['status'], string> = { progressing: 'verifying', completed: 'verified', halted: 'failed' };

/** The gate of a release other than the one verified (under test, or failed), if there is one. */
export function releaseUnderTest(v: VerificationProgress): RolloutProgress | undefined {
  return v.gate.version && v.gate.version !== v.approved?.version ? v.gate : undefined;
}

export function verifyingTasks(model: ConfigModel): readonly VerifyingTask[] {
  return index(model).tasks;
}

/**
 * The verifying task whose DPs serve `device` and hold its releases back, or undefined: no DP
 * of the device verifies, or the device is one of the test devices (it takes each release first).
 */
export function heldBy(model: ConfigModel, device: string): VerifyingTask | undefined {
  const { byDp, tasks, tests } = index(model);
  if (tasks.length === 0) return undefined;
  for (const dp of deviceDistributionPoints(model, device)) {
    const verifying = byDp.get(dp.item.name);
    if (verifying && !tests.get(verifying)?.has(device)) return verifying;
  }
  return undefined;
}
