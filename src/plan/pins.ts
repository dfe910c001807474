/**
 * Plan-time check of rings and pinning (docs/architecture.md "Rings and pinning"): every Update
 * task's `spec.version` must name a release its repository still has, unexpired — else the plan
 * fails with the file:line:col of `spec.version`, before any device is told to take it. The
 * repository is asked through the task's own sources (the DP is skipped: it keeps what the
 * vendor has), else every source of the configuration; the first that answers decides. Offline,
 * or with no source answering, a warning says the pin was not checked.
 */
import { isUpdopsError, type Problem } from '../errors.js';
import { DISTRIBUTION_POINT_SOURCE, defaultSources, resolveSourceRef, type ConfigModel } from '../manifests/index.js';
import { probePin, type PinProbe } from '../repository/index.js';
import { taskPins, type TaskPin } from '../runs/index.js';
import { openSourceTransport, sourceSpecOf, type ResolvedSource } from '../sources/index.js';

export interface PinCheck {
  errors: Problem[];
  warnings: Problem[];
}

export interface PinCheckOptions {
  model: ConfigModel;
  configDir: string;
  env?: NodeJS.ProcessEnv;
  offline?: boolean;
}

export async function checkPins(options: PinCheckOptions): Promise<PinCheck> {
  const pins = taskPins(options.model);
  const out: PinCheck = { errors: [], warnings: [] };
  const probes = new Map<string, Promise<PinProbe | Error>>();
  for (const pin of pins) {
    if (options.offline) {
      out.warnings.push({ code: 'PIN_UNCHECKED', message: `task ${pin.task}: version ${JSON.stringify(pin.version)} was not checked against its repository (offline)`, location: pin.location });
      continue;
    }
    const tried: string[] = [];
    let answered = false;
    for (const source of candidates(options, pin)) {
      const key = `${source.spec.url}\0${pin.version}`;
      let probe = probes.get(key);
      if (!probe) {
        probe = probeOne(source, pin.version, options.env);
        probes.set(key, probe);
      }
      const result = await probe;
      if (result instanceof Error) {
        tried.push(`${source.name}: ${result.message}`);
        continue;
      }
      answered = true;
      if (!result.found) {
        out.errors.push({
          code: 'PIN_NOT_FOUND',
          message: `task ${pin.task}: version ${JSON.stringify(pin.version)} is not in source ${source.name} (no targets version from ${result.from} down to ${result.to} carries it): publish it, or pin a version the repository has`,
          location: pin.location,
        });
      } else if (result.expired) {
        out.errors.push({
          code: 'TUF_EXPIRED',
          message: `task ${pin.task}: version ${JSON.stringify(pin.version)} (targets ${result.targetsVersion} of source ${source.name}) expired at ${result.expires}; the publisher must re-sign it to keep it pinned`,
          location: pin.location,
        });
      }
      break;
    }
    if (!answered) {
      out.warnings.push({ code: 'PIN_UNCHECKED', message: `task ${pin.task}: version ${JSON.stringify(pin.version)} was not checked: no source answered${tried.length ? ` (${tried.join('; ')})` : ''}`, location: pin.location });
    }
  }
  return out;
}

/** The task's own sources other than the DP, else every source of the configuration. */
function candidates(options: PinCheckOptions, pin: TaskPin): ResolvedSource[] {
  const { model } = options;
  const task = model.tasks.get(pin.task)?.manifest.spec;
  const refs = (task?.type === 'Update' ? task.settings?.sources : undefined) ?? defaultSources('Update');
  const own = refs.filter((r) => r !== DISTRIBUTION_POINT_SOURCE).flatMap((ref) => {
    const resolved = resolveSourceRef(model, ref, 'Update');
    return resolved.kind === 'source' ? [resolved.source] : [];
  });
  const loaded = own.length > 0 ? own : [...model.sources.values()];
  return loaded.flatMap((s) => {
    try {
      return [sourceSpecOf(s.manifest.metadata.name, s.manifest, options.configDir, options.env)];
    } catch {
      return []; // an unreadable secret: the sync reports it; the pin stays unchecked through this source
    }
  });
}

async function probeOne(source: ResolvedSource, pin: string, env: NodeJS.ProcessEnv | undefined): Promise<PinProbe | Error> {
  const transport = openSourceTransport(source.spec, env);
  try {
    return await probePin(transport, pin);
  } catch (error) {
    return isUpdopsError(error) ? error : new Error((error as Error).message);
  } finally {
    await transport.close().catch(() => undefined);
  }
}
