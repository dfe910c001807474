/**
 * From a config source and a state store to a plan (docs/design.md 2): read the commit, validate
 * everything (nothing proceeds if any manifest is invalid), observe the DP repositories, and
 * make the plan. The orchestration shared by `plan`, `apply` and the controller.
 */
import { UpdopsError, type Problem } from '../errors.js';
import { resolveConfigSource } from '../manifests/index.js';
import { validateConfigDir, type ValidationResult } from '../manifests/index.js';
import type { StateStore } from '../state/index.js';
import { manualStartCount, taskTargets } from '../runs/index.js';
import { normalizeManifest, type ConfigModel } from '../manifests/index.js';
import type { DelayInputs } from './schedules.js';
import { desiredObjects } from './desired.js';
import { makePlan } from './make-plan.js';
import { observeRepositories } from './observe.js';
import { rolloutInputs } from './rollout.js';
import { checkPins } from './pins.js';
import type { PlanWarning, SavedPlan } from './types.js';

export interface PrepareOptions {
  config: string;
  ref?: string;
  store: StateStore;
  prune: boolean;
  now: Date;
  timeZone?: string;
  offline?: boolean;
  env?: NodeJS.ProcessEnv;
  cacheDir?: string;
  /** `plan --devices`: each schedule lists its targets' randomized-delay offsets. */
  devices?: boolean;
}

export interface Prepared {
  saved: SavedPlan;
  validation: ValidationResult;
}

/** Thrown when the desired state is invalid: carries every problem, not just the first. */
export class InvalidConfigError extends UpdopsError {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    super(problems[0]?.code ?? 'SCHEMA', `${problems.length} problem${problems.length === 1 ? '' : 's'} in the configuration; nothing was changed`);
    this.problems = problems;
  }
}

function toWarning(problem: Problem): PlanWarning {
  const at = problem.location ? `${problem.location.file}:${problem.location.line}:${problem.location.col}` : undefined;
  return at ? { code: problem.code, message: problem.message, at } : { code: problem.code, message: problem.message };
}

export function defaultTimeZone(): string {
  return process.env.TZ && process.env.TZ !== '' ? process.env.TZ : Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Files of a git config are named as in the repository, not by where its tree is cached. */
function repositoryRelative(problems: Problem[], treeDir: string): Problem[] {
  const prefix = `${treeDir.replace(/\/+$/, '')}/`;
  return problems.map((p) => {
    const message = p.message.split(prefix).join('');
    return p.location?.file.startsWith(prefix) ? { ...p, message, location: { ...p.location, file: p.location.file.slice(prefix.length) } } : { ...p, message };
  });
}

export async function preparePlan(options: PrepareOptions): Promise<Prepared> {
  const source = await resolveConfigSource({ config: options.config, ...(options.ref ? { ref: options.ref } : {}), ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}) });
  const raw = validateConfigDir(source.dir);
  const validation = source.source === 'git' ? { ...raw, errors: repositoryRelative(raw.errors, source.dir), warnings: repositoryRelative(raw.warnings, source.dir) } : raw;
  if (validation.errors.length > 0) throw new InvalidConfigError(validation.errors);
  const desired = desiredObjects(validation);
  const probeOptions = { model: validation.model, configDir: source.dir, ...(options.env ? { env: options.env } : {}), ...(options.offline ? { offline: true } : {}) };
  const [recorded, meta, repositories, pinned] = await Promise.all([
    options.store.listObjects(),
    options.store.getMeta(),
    observeRepositories(probeOptions),
    checkPins(probeOptions),
  ]);
  // Rings and pinning: a pinned version the repository no longer has fails the plan (pins.ts).
  const relative = (problems: Problem[]): Problem[] => (source.source === 'git' ? repositoryRelative(problems, source.dir) : problems);
  if (pinned.errors.length > 0) throw new InvalidConfigError(relative(pinned.errors));
  const plan = makePlan({
    desired,
    recorded,
    state: { lineage: meta.lineage, serial: meta.serial },
    commit: source.commit ?? null,
    dirty: source.dirty,
    prune: options.prune,
    now: options.now,
    timeZone: options.timeZone ?? defaultTimeZone(),
    repositories,
    warnings: [...validation.warnings, ...relative(pinned.warnings)].map(toWarning),
    rollout: rolloutInputs(validation.model, desired),
    ...(options.devices ? { delays: await delayInputs(validation.model, options.store) } : {}),
  });
  return { saved: { plan, objects: desired, config: { source: options.config, ...(options.ref ? { ref: options.ref } : {}), dir: source.dir } }, validation };
}

/** Targets of every task with a randomized delay, and how often each was started by hand (re-deals offsets). */
async function delayInputs(model: ConfigModel, store: StateStore): Promise<DelayInputs> {
  const targets = new Map<string, string[]>();
  const manualStarts = new Map<string, number>();
  for (const [name, loaded] of model.tasks) {
    const { spec } = normalizeManifest(loaded.manifest);
    if (!spec.randomDelay) continue;
    targets.set(name, taskTargets(model, name, spec).map((t) => t.name));
    manualStarts.set(name, await manualStartCount(store, name));
  }
  return { targets, manualStarts };
}
