/**
 * What a DP agent reports of its folder (result and heartbeat, src/agent/dp.ts): read with the
 * task's expectation, as the planner reads it. An old-scheme folder synced by a `legacyScheme`
 * assignment has a version (0, as its sync reports) and a publication time, not "nothing";
 * without the old scheme the same folder holds nothing the task asks for.
 */
import path from 'node:path';
import t from 'tap';
import { ANY_TASK, repositoryStatus, runDpAssignment } from '../../src/agent/dp.js';
import type { DownloadAssignment } from '../../src/protocol/index.js';
import { repositoryExpectation, publishRepository, serveRepository } from '../../src/repository/index.js';
import { tempDir } from '../helpers/temp-dir.js';
import { writeContent } from '../repository/publish-fixture.js';

const PUBLISHED = '2026-11-20T08:00:00Z';

t.test('a DP agent reports an old-scheme folder by its SHA256SUMS, with the expectation of its task', async (t) => {
  const dir = await tempDir(t, 'updops-dp-status-');
  await writeContent(path.join(dir, 'content'), { 'databases/kes/daily.avc': 'daily\n'.repeat(50), 'modules/kes/agent.bin': 'agent\n'.repeat(20) });
  await publishRepository({ contentDir: path.join(dir, 'content'), repoDir: path.join(dir, 'vendor'), keysDir: path.join(dir, 'keys'), legacy: 'only', published: PUBLISHED });
  const server = await serveRepository({ root: path.join(dir, 'vendor'), host: '127.0.0.1', port: 0 });
  t.teardown(() => server.close());

  const repository = path.join(dir, 'dp');
  const assignment: DownloadAssignment = { kind: 'download', runId: 'r1', task: 'Download', repository, sources: [{ url: server.url, name: 'vendor' }], legacyScheme: true, downloadDiffFiles: false, components: ['databases'] };
  const result = await runDpAssignment(path.join(dir, 'agent'), 'windows', 'dp-1', assignment, new AbortController().signal, () => undefined);
  t.equal(result.status, 'completed', result.reason ?? 'the sync completes');
  t.same(result.repository, { version: '0', published: PUBLISHED }, 'the result names what the old-scheme folder holds');
  t.same(await repositoryStatus(repository, repositoryExpectation(assignment)), { version: '0', published: PUBLISHED }, 'and so does the heartbeat');
  t.same(await repositoryStatus(repository, ANY_TASK), { version: '0', published: PUBLISHED }, 'before any assignment too');
  t.same(await repositoryStatus(repository, repositoryExpectation({ legacyScheme: false })), {}, 'a task without the old scheme finds nothing it asks for');
});
