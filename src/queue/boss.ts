/**
 * pg-boss on the state's own database (docs/architecture.md "Job queue"): loaded only for a
 * PostgreSQL state, like `pg`, so the SQLite default loads nothing of it. Its tables live in a
 * schema of their own beside the state's (`updops_queue` for a state in `public`, else
 * `STATE_queue`), so `migrate-state` and the store's migrations never see them.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type PgBoss from 'pg-boss';
import { UpdopsError } from '../errors.js';
import { redactPostgresUrl } from '../state/index.js';

export type Boss = PgBoss;

/** What pg-boss's `complete`/`fail`/`cancel` resolve with (its .d.ts says void). */
export interface CommandResponse {
  affected: number;
}

/** The queue's schema for a state URL (`?schema=NAME` or public), and the URL pg-boss connects with. */
export function queueLocation(url: string): { connectionString: string; schema: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UpdopsError('USAGE', `--state ${redactPostgresUrl(url)} is not a valid postgres:// URL`);
  }
  const state = parsed.searchParams.get('schema') ?? 'public';
  parsed.searchParams.delete('schema');
  const schema = state === 'public' ? 'updops_queue' : `${state}_queue`;
  if (!/^[a-z_][a-z0-9_]{0,49}$/.test(schema)) throw new UpdopsError('USAGE', `--state: the job queue's schema "${schema}" must be a SQL identifier of at most 50 characters; use a shorter ?schema=`);
  return { connectionString: parsed.toString(), schema };
}

export interface BossOptions {
  url: string;
  /** Connections of pg-boss's own pool. */
  maxConnections?: number;
  /** How often pg-boss expires active jobs past their `expireIn` (and archives old ones). */
  maintenanceSeconds: number;
  onError?: (error: Error) => void;
}

export async function startBoss(options: BossOptions): Promise<{ boss: Boss; schema: string }> {
  const { connectionString, schema } = queueLocation(options.url);
  // Loaded only here: a SQLite state never loads pg-boss.
  const { default: PgBossClass } = await import('pg-boss');
  const boss = new PgBossClass({
    connectionString,
    schema,
    max: options.maxConnections ?? 4,
    application_name: 'updops-queue',
    schedule: false,
    supervise: true,
    migrate: true,
    maintenanceIntervalSeconds: options.maintenanceSeconds,
  });
  boss.on('error', (error) => options.onError?.(error));
  try {
    await boss.start();
  } catch (error) {
    await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    throw new UpdopsError('STATE', `cannot start the job queue on ${redactPostgresUrl(options.url)} (schema ${schema}): ${(error as Error).message}`, { cause: error });
  }
  return { boss, schema };
}

/** One statement on pg-boss's pool. */
export async function sql<T>(boss: Boss, text: string, values: unknown[] = []): Promise<T[]> {
  return (await boss.getDb().executeSql(text, values)).rows as T[];
}

export function affected(response: unknown): number {
  return (response as CommandResponse | undefined)?.affected ?? 0;
}

/**
 * pg-boss makes each queue a partition table; two replicas creating the same one at once can
 * deadlock in PostgreSQL, and then the one that lost tries again (or finds it made).
 */
export function createQueue(boss: Boss, name: string, options: PgBoss.Queue): Promise<void> {
  // One at a time per process: ten agents registering at once would otherwise race each other's
  // partition DDL on the same parent table.
  const before = creating.get(boss) ?? Promise.resolve();
  const mine = before.then(() => createQueueNow(boss, name, options));
  creating.set(boss, mine.catch(() => undefined));
  return mine;
}

const creating = new WeakMap<Boss, Promise<unknown>>();

async function createQueueNow(boss: Boss, name: string, options: PgBoss.Queue): Promise<void> {
  if (await boss.getQueue(name).catch(() => null)) return;
  for (let attempt = 1; ; attempt++) {
    try {
      await boss.createQueue(name, options);
      return;
    } catch (error) {
      if (attempt >= 5) throw error;
      await sleep(25 + Math.random() * 100 * attempt);
      if (await boss.getQueue(name).catch(() => null)) return;
    }
  }
}
