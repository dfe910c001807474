/** `updops events` (docs/design.md 1, 4): recorded events, newest first, from the controller's API or the state store. */
import type { EventRecord } from '../state/index.js';
import { parseFormat } from './output.js';
import { parseLimit, table, withReader, type ReaderOptions } from './runs.js';

export interface EventsCommandOptions extends ReaderOptions {
  type?: string | undefined;
  limit?: string | undefined;
  format: string;
}

export function eventLines(events: EventRecord[]): string[] {
  if (events.length === 0) return ['No events recorded.'];
  const rows = [['TIME', 'TYPE', 'SUBJECT', 'MESSAGE']];
  for (const e of events) rows.push([e.time, e.type, e.subject ?? '', e.message]);
  return table(rows);
}

export async function eventsCommand(options: EventsCommandOptions): Promise<number> {
  const format = parseFormat(options.format);
  const limit = parseLimit(options.limit, 50);
  return withReader(options, async (reader) => {
    const events = await reader.listEvents({ ...(options.type !== undefined ? { type: options.type } : {}), limit });
    process.stdout.write(format === 'json' ? `${JSON.stringify(events, null, 2)}\n` : `${eventLines(events).join('\n')}\n`);
    return 0;
  });
}
