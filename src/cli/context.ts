/** What several commands share: the state store, who holds the lock, the time. */
import { hostname, userInfo } from 'node:os';
import { isUpdopsError, UpdopsError } from '../errors.js';
import { openEmptyStateStore, openStateStore, type StateStore } from '../state/index.js';

export interface StateOptions {
  state?: string;
}

/**
 * How a command opens the state: `create` (apply, run: the default) makes it when missing; `existing`
 * (status, history, runs, events: they only read) fails with NO_STATE and creates nothing;
 * `preview` (plan) reads a missing state as an empty one, still creating nothing.
 */
export type StateMode = 'create' | 'existing' | 'preview';

async function openFor(options: StateOptions, mode: StateMode): Promise<StateStore> {
  const where = options.state ? { path: options.state } : {};
  if (mode === 'create') return openStateStore(where);
  try {
    return await openStateStore({ ...where, create: false });
  } catch (error) {
    if (mode === 'preview' && isUpdopsError(error) && error.code === 'NO_STATE') return openEmptyStateStore();
    throw error;
  }
}

export async function withStore<T>(options: StateOptions, use: (store: StateStore) => Promise<T>, mode: StateMode = 'create'): Promise<T> {
  const store = await openFor(options, mode);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

export function lockHolder(): { owner: string; host: string; pid: number } {
  let owner = process.env.UPDOPS_OWNER ?? '';
  if (!owner) {
    try {
      owner = userInfo().username;
    } catch {
      owner = 'unknown';
    }
  }
  return { owner, host: hostname(), pid: process.pid };
}

/** `--now ISO` evaluates schedules as of that instant (previews and tests); default the clock. */
export function parseNow(value: string | undefined): Date {
  if (value === undefined) return new Date();
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new UpdopsError('USAGE', `--now must be an ISO date-time, e.g. 2026-12-01T18:00:00Z`);
  return date;
}

export function configOption(value: string | undefined): string {
  return value ?? process.env.UPDOPS_CONFIG ?? '.';
}

export function useColor(stream: NodeJS.WriteStream = process.stdout): boolean {
  return Boolean(stream.isTTY) && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
}
