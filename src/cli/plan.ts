import { writeFileSync, renameSync } from 'node:fs';
import { planHasChanges } from '../plan/index.js';
import { preparePlan } from '../plan/index.js';
import { renderPlan } from '../plan/index.js';
import { configOption, parseNow, useColor, withStore } from './context.js';
import { parseFormat } from './output.js';

export interface PlanCommandOptions {
  config?: string;
  ref?: string;
  state?: string;
  format: string;
  out?: string;
  detailedExitcode?: boolean;
  prune?: boolean;
  now?: string;
  offline?: boolean;
  devices?: boolean;
}

/** `updops plan`: what an apply would do; `--detailed-exitcode` 0 no changes, 2 changes, 1 error. */
export async function planCommand(options: PlanCommandOptions): Promise<number> {
  const format = parseFormat(options.format, ['text', 'markdown', 'json']) as 'text' | 'markdown' | 'json';
  const now = parseNow(options.now);
  return withStore(options, async (store) => {
    const { saved } = await preparePlan({ config: configOption(options.config), ...(options.ref ? { ref: options.ref } : {}), store, prune: options.prune ?? false, now, ...(options.offline ? { offline: true } : {}), ...(options.devices ? { devices: true } : {}) });
    process.stdout.write(renderPlan(saved.plan, format, { color: format === 'text' && useColor() }));
    if (options.out) {
      const tmp = `${options.out}.tmp-${process.pid}`;
      writeFileSync(tmp, `${JSON.stringify(saved, null, 2)}\n`, { mode: 0o600 });
      renameSync(tmp, options.out);
      process.stderr.write(`Saved the plan to ${options.out}; apply exactly this plan with: updops apply ${options.out}\n`);
    }
    return options.detailedExitcode && planHasChanges(saved.plan) ? 2 : 0;
  }, 'preview');
}
