import { ApiClient } from '../controller/index.js';
import { defaultTimeZone } from '../plan/index.js';
import { collectStatus, renderStatusText } from '../status/index.js';
import { parseNow, withStore } from './context.js';
import { parseFormat } from './output.js';
import { controllerUrl } from './runs.js';

/**
 * `updops status`: what the state store knows, as text or JSON — or, with `--controller URL` (or
 * UPDOPS_CONTROLLER), the controller's own report from `GET /api/status` (no state file needed).
 */
export async function statusCommand(options: { state?: string; format: string; now?: string; controller?: string }): Promise<number> {
  const format = parseFormat(options.format);
  const url = controllerUrl(options.controller);
  if (url) {
    // The controller evaluates schedules at its own now; --now applies only to the state file.
    const report = await new ApiClient({ url }).status();
    process.stdout.write(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderStatusText(report));
    return 0;
  }
  return withStore(options, async (store) => {
    const report = await collectStatus(store, parseNow(options.now), defaultTimeZone());
    process.stdout.write(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderStatusText(report));
    return 0;
  }, 'existing');
}
