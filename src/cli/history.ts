import { withStore } from './context.js';
import { parseFormat } from './output.js';

/** `updops history`: applied commits, newest first, with what each apply did. */
export async function historyCommand(options: { state?: string; format: string; limit: string; plans?: boolean }): Promise<number> {
  const format = parseFormat(options.format);
  const limit = Math.max(1, Number(options.limit) || 20);
  return withStore(options, async (store) => {
    const entries = await store.listHistory(limit);
    if (format === 'json') {
      const out = entries.map((e) => ({ ...e, planJson: undefined, plan: options.plans ? (JSON.parse(e.planJson) as unknown) : undefined }));
      process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      return 0;
    }
    if (entries.length === 0) process.stdout.write('No applies recorded yet.\n');
    for (const e of entries) process.stdout.write(`#${e.id}  ${e.appliedAt}  ${e.commit ? e.commit.slice(0, 12) : '(directory)'}${e.dirty ? ' dirty' : ''}  serial ${e.serial}  ${e.summary}\n`);
    return 0;
  }, 'existing');
}
