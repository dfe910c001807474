import { UpdopsError } from '../errors.js';
import { migrateState, openStateStore, STATE_TABLES } from '../state/index.js';

/**
 * `updops migrate-state --from state.db --to postgres://…` (issue 17): moves an installation from
 * one back end to another (either direction). The source is only read; the target must be new
 * or empty; the whole copy is one transaction on the target, checked by counting every table.
 */
export async function migrateStateCommand(options: { from: string; to: string }): Promise<number> {
  if (options.from === options.to) throw new UpdopsError('USAGE', '--from and --to name the same state');
  const from = await openStateStore({ path: options.from, create: false });
  try {
    const to = await openStateStore({ path: options.to });
    try {
      const { counts } = await migrateState(from, to);
      const moved = STATE_TABLES.filter((t) => counts[t] > 0).map((t) => `${counts[t]} ${t}`);
      process.stdout.write(`Migrated ${from.location} to ${to.location}: ${moved.join(', ') || 'an empty state'}.\nPoint the controller and the CLI at the new state (--state or UPDOPS_STATE); the old one is unchanged.\n`);
      return 0;
    } finally {
      await to.close();
    }
  } finally {
    await from.close();
  }
}
