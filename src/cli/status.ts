import { defaultTimeZone } from '../plan/index.js';
import { collectStatus, renderStatusText } from '../status/index.js';
import { parseNow, withStore } from './context.js';
import { parseFormat } from './output.js';

/** `updops status`: what the state store knows, as text or JSON. */
export async function statusCommand(options: { state?: string; format: string; now?: string }): Promise<number> {
  const format = parseFormat(options.format);
  return withStore(options, async (store) => {
    const report = await collectStatus(store, parseNow(options.now), defaultTimeZone());
    process.stdout.write(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderStatusText(report));
    return 0;
  }, 'existing');
}
