/**
 * Temp folders for tests: made under the OS temp folder, resolved through symlinks (so paths a
 * process prints compare equal to ours), and removed by the test's teardown.
 */
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Test } from 'tap';

/** Synchronous, for folders made at module level (`tempDirSync(t)` with tap's root `t`). */
export function tempDirSync(t: Test, prefix = 'updops-test-'): string {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), prefix)));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export async function tempDir(t: Test, prefix = 'updops-test-'): Promise<string> {
  return tempDirSync(t, prefix);
}
