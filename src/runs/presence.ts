/**
 * "Visible on the network" (seed 001, "Run missed tasks"; docs/design.md 1): whether a DP or device
 * can be reached at a task's start. Runs skip what is not visible and, with `runMissed`, run it
 * when it is next seen. Agents (a later capability) will answer from heartbeats; until then a
 * DP counts as visible when the parent folder of its repository exists — an unmounted share or
 * a detached disk is exactly what a missing parent looks like, while an empty repository folder
 * (never synced) still counts as visible.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';

export interface Presence {
  isVisible(name: string): Promise<boolean>;
}

/** `repositoryOf` maps a DP name to its repository folder, or undefined for anything else. */
export function localPresence(repositoryOf: (name: string) => string | undefined): Presence {
  return {
    async isVisible(name) {
      const repository = repositoryOf(name);
      if (repository === undefined) return false;
      const parent = path.dirname(path.resolve(repository));
      return stat(parent).then((s) => s.isDirectory(), () => false);
    },
  };
}
