/**
 * `updops cancel RUN_ID` (docs/design.md 4): stops a running run on the controller that executes
 * it (`--controller` / `UPDOPS_CONTROLLER`, token from `UPDOPS_TOKEN` or `--token-file`). Its
 * running targets stop cleanly — a DP keeps the repository it served — and the run ends
 * `cancelled`, naming who cancelled. A finished run is a CONFLICT, an unknown one NOT_FOUND.
 */
import { hostname, userInfo } from 'node:os';
import { ApiClient, resolveToken } from '../controller/index.js';
import { UpdopsError } from '../errors.js';
import { parseFormat } from './output.js';
import { controllerUrl } from './runs.js';

export interface CancelCommandOptions {
  id: string;
  controller?: string | undefined;
  tokenFile?: string | undefined;
  format?: string;
}

/** Who cancels (or resumes), as the run's reason names them: the local user at this host and the command. */
export function whoAmI(command = 'updops cancel'): string {
  let user = process.env.USER ?? 'someone';
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry (some containers): the environment's name will do.
  }
  return `${user}@${hostname()} (${command})`;
}

export async function cancelCommand(options: CancelCommandOptions): Promise<number> {
  const format = parseFormat(options.format ?? 'text');
  const url = controllerUrl(options.controller);
  if (!url) throw new UpdopsError('USAGE', 'updops cancel asks the controller that executes the run: give --controller URL or set UPDOPS_CONTROLLER');
  const client = new ApiClient({ url, token: resolveToken({ tokenFile: options.tokenFile }) });
  const run = await client.cancelRun(options.id, whoAmI());
  process.stdout.write(format === 'json' ? `${JSON.stringify({ run }, null, 2)}\n` : `Run ${run.id} of "${run.task}" ${run.status}${run.reason ? `: ${run.reason}` : ''}\n`);
  return run.status === 'cancelled' ? 0 : 1;
}
