/**
 * After a DP sync, what its repository folder now holds is recorded as the DP's observation
 * (docs/design.md 2, "Actual state"), so `status` and the next plan see it. Shared by apply's derived
 * syncs and the controller's task runs.
 */
import type { StateStore } from '../state/index.js';
import { inspectRepository, type RepositoryExpectation } from '../repository/index.js';

/** `expected`: what the synced task asks the folder to hold (the planner inspects the same way). */
export async function recordObservation(store: StateStore, dp: string, repository: string, expected: RepositoryExpectation, now: Date): Promise<void> {
  const seen = await inspectRepository(repository, expected);
  await store.putObservation({
    dp,
    observedAt: now.toISOString(),
    missing: seen.missing,
    corrupt: seen.corrupt,
    ...(seen.version !== undefined ? { version: String(seen.version) } : {}),
    ...(seen.published !== undefined ? { published: seen.published } : {}),
  });
}
