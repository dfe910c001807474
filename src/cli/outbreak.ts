/**
 * `updops outbreak --type mail` (seed 001 "On virus outbreak"; docs/design.md 4): reports a virus
 * outbreak to the controller (`POST /api/events/outbreak`), which starts every `onOutbreak` task
 * whose application types include that type. Needs the controller (`--controller` /
 * `UPDOPS_CONTROLLER`) and its token (`UPDOPS_TOKEN` / `--token-file`).
 */
import { ApiClient, OUTBREAK_TYPES, resolveToken } from '../controller/index.js';
import { UpdopsError } from '../errors.js';
import { parseFormat } from './output.js';
import { controllerUrl, runListLines } from './runs.js';

export interface OutbreakCommandOptions {
  type: string;
  controller?: string | undefined;
  tokenFile?: string | undefined;
  format?: string;
}

export async function outbreakCommand(options: OutbreakCommandOptions): Promise<number> {
  const format = parseFormat(options.format ?? 'text');
  const type = OUTBREAK_TYPES.find((t) => t === options.type);
  if (!type) throw new UpdopsError('USAGE', `--type must be one of ${OUTBREAK_TYPES.join(', ')}, not ${JSON.stringify(options.type)}`);
  const url = controllerUrl(options.controller);
  if (!url) throw new UpdopsError('USAGE', 'updops outbreak reports to the controller: give --controller URL or set UPDOPS_CONTROLLER');
  const client = new ApiClient({ url, token: resolveToken({ tokenFile: options.tokenFile }) });
  const runs = await client.outbreak(type);
  const lines = runs.length === 0 ? [`Outbreak (${type}) recorded; no onOutbreak task covers ${type}.`] : [`Outbreak (${type}) recorded; started:`, ...runListLines(runs)];
  process.stdout.write(format === 'json' ? `${JSON.stringify({ applicationType: type, runs }, null, 2)}\n` : `${lines.join('\n')}\n`);
  return 0;
}
