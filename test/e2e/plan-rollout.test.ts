/**
 * The plan's rollout view through the CLI (issue 19 "plan shows it"; docs/architecture.md "Plan:
 * rollout"): a DP holding v1 of a real loopback vendor repository, v2 published with one database
 * changed — `updops plan` projects exactly that file's bytes on the DP's link and the time at the
 * tighter of the task's and the source's cap; an urgent task is uncapped; an Update task's devices
 * are a ring with its next maintenance window. Text, Markdown and JSON (valid against
 * schemas/plan.json); after the sync the link has nothing left to carry.
 */
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import t from 'tap';
import { generateKeys, publishRepository, serveRepository } from '../../src/repository/index.js';
import { initGitRepo } from '../helpers/git-repo.js';
import { seededBytes } from '../helpers/loopback.js';
import { groupYaml, manifestYaml, sourceYaml, taskYaml } from '../helpers/manifests.js';
import { runCli } from '../helpers/processes.js';
import { tempDir } from '../helpers/temp-dir.js';
import { writeContent } from '../repository/publish-fixture.js';

const ajv = new Ajv({ allErrors: true, strict: true });
addFormats.default(ajv);
const validatePlan = ajv.compile(JSON.parse(readFileSync(new URL('../../schemas/plan.json', import.meta.url), 'utf8')));
const ENV = { UPDOPS_CONTROLLER: '', UPDOPS_TOKEN: '', UPDOPS_STATE: '' };

interface PlanJson {
  rollout: {
    rollouts: { name: string; task: string; version: string; from: string | null; uncovered: number; waves: { name: string; devices: number; deviceNames: string[]; successThreshold: number; errorThreshold: number; pendingTimeoutSeconds: number }[] }[];
    rings: { task: string; version: string | null; devices: number; deviceNames: string[]; maintenanceWindow: { open: boolean; opensAt?: string | null; closesAt?: string } | null; urgent: boolean }[];
    links: { dp: string; task: string; source: string; files: number; bytes: number; fromDiffs: number; bytesPerSecond: number | null; seconds: number | null }[];
  };
}

void t.test('plan projects bytes and time per DP link, and shows rings with their windows', async (t) => {
  const dir = await tempDir(t, 'updops-plan-rollout-');
  const content = path.join(dir, 'content');
  const vendor = path.join(dir, 'vendor');
  const keys = path.join(dir, 'keys');
  await generateKeys(keys);
  const publish = async (release: number): Promise<void> => {
    await writeContent(content, { 'databases/kes/daily.avc': seededBytes(`daily-${release}`, 3_000_000), 'databases/kes/base.avc': seededBytes('base', 200_000), 'modules/kes/agent.bin': 'agent\n'.repeat(10) });
    await publishRepository({ contentDir: content, repoDir: vendor, keysDir: keys });
  };
  await publish(1);
  const server = await serveRepository({ root: vendor, host: '127.0.0.1', port: 0 });
  t.teardown(() => server.close());

  const config = initGitRepo(path.join(dir, 'config'));
  mkdirSync(path.join(dir, 'config', 'keys'), { recursive: true });
  cpSync(path.join(vendor, 'metadata', '1.root.json'), path.join(dir, 'config', 'keys', 'vendor-root.json'));
  // A DP without an agent is visible when its repository's folder is there (its disk is mounted).
  mkdirSync(path.join(dir, 'dps', 'dp-1'), { recursive: true });
  const dpRepo = path.join(dir, 'dps', 'dp-1', 'repo');
  const write = (urgent: boolean): void => {
    config.write('sources.yaml', sourceYaml('vendor', { url: server.url, bandwidth: { limit: '500kB/s' } }));
    config.write('groups.yaml', groupYaml('office', { distributionPoints: [{ name: 'dp-1', os: 'windows', repository: dpRepo }], devices: [{ name: 'ws-1' }, { name: 'ws-2' }, { name: 'ws-3' }] }));
    config.write(
      'tasks.yaml',
      taskYaml('Download', { scope: { group: 'office' }, settings: { sources: ['vendor'], components: ['databases'], bandwidth: { limit: '2MB/s' }, ...(urgent ? { urgent: true } : {}) } }) +
        taskYaml('Update office', { type: 'Update', scope: { group: 'office' }, settings: { applicationUpdateMode: 'downloadAndInstall', maintenanceWindows: [{ cron: '0 3 * * *', duration: '1m', timeZone: 'UTC' }] } }),
    );
    config.commit(urgent ? 'urgent downloads' : 'capped downloads');
  };
  write(false);
  const common = ['--config', path.join(dir, 'config'), '--state', path.join(dir, 'state.db')];
  const plan = async (...extra: string[]): Promise<{ stdout: string; json?: PlanJson }> => {
    const res = await runCli(['plan', ...common, ...extra], { t, cwd: dir, env: ENV });
    t.equal(res.code, 0, res.stderr);
    if (!extra.includes('json')) return { stdout: res.stdout };
    const json = JSON.parse(res.stdout) as PlanJson;
    t.ok(validatePlan(json), JSON.stringify(validatePlan.errors));
    return { stdout: res.stdout, json };
  };

  // An empty DP: the whole selection (the databases, not the module) is projected.
  const empty = (await plan('--format', 'json')).json!;
  t.match(empty.rollout.links, [{ dp: 'dp-1', task: 'Download', source: 'vendor', files: 2, bytes: 3_200_000, bytesPerSecond: 500_000, seconds: 7 }], 'an empty DP fetches both databases, at the source cap (the tighter one)');
  const ring = empty.rollout.rings[0]!;
  t.match(ring, { task: 'Update office', version: null, devices: 3, deviceNames: ['ws-1', 'ws-2', 'ws-3'], urgent: false });
  t.ok(ring.maintenanceWindow && !ring.maintenanceWindow.open && ring.maintenanceWindow.opensAt?.endsWith('T03:00:00.000Z'), `the next window opens at 03:00 UTC (${JSON.stringify(ring.maintenanceWindow)})`);

  const applied = await runCli(['apply', ...common, '--auto-approve'], { t, cwd: dir, env: ENV });
  t.equal(applied.code, 0, applied.stderr);
  const synced = await runCli(['run', 'Download', ...common], { t, cwd: dir, env: ENV, timeoutMs: 60_000 });
  t.equal(synced.code, 0, synced.stdout + synced.stderr);
  t.same((await plan('--format', 'json')).json!.rollout.links, [], 'synced: nothing left to carry');

  // v2 changes one database: only it goes over the link.
  await publish(2);
  const changed = (await plan('--format', 'json')).json!;
  t.same(changed.rollout.links, [{ dp: 'dp-1', task: 'Download', source: 'vendor', files: 1, bytes: 3_000_000, fromDiffs: 0, bytesPerSecond: 500_000, seconds: 6 }]);
  const text = (await plan()).stdout;
  t.match(text, /Rollout:\n\s+ring "Update office": the newest version to 3 devices \(ws-1, ws-2, ws-3\); next maintenance window opens \S+T03:00:00\.000Z\n\s+dp-1 ← vendor: 3\.0 MB in 1 file, at 500\.0 kB\/s ≈ 6s \("Download"\)/);
  const markdown = (await plan('--format', 'markdown')).stdout;
  t.match(markdown, /#### Rollout\n\n- `ring "Update office"`: .*\n- `dp-1 ← vendor`: 3\.0 MB in 1 file, at 500\.0 kB\/s ≈ 6s/);

  write(true);
  t.match((await plan('--format', 'json')).json!.rollout.links, [{ dp: 'dp-1', bytes: 3_000_000, bytesPerSecond: null, seconds: null }], 'urgent: uncapped');

  // A pinned ring and a rollout of the next version in waves: which version each ring gets, which devices each wave takes.
  config.write('tasks.yaml', readFileSync(path.join(dir, 'config', 'tasks.yaml'), 'utf8').replace('  type: Update\n', '  type: Update\n  version: "1"\n'));
  config.write('rollouts.yaml', manifestYaml('Rollout', 'daily-2', { task: 'Update office', version: '2', waves: [{ name: 'pilot', devices: ['ws-2'], pendingTimeout: '10m' }, { name: 'rest', percent: 100, errorThreshold: 10 }] }));
  config.commit('ring on 1, rollout of 2');
  const rings = (await plan('--format', 'json')).json!;
  t.match(rings.rollout.rings, [{ task: 'Update office', version: '1', devices: 3 }], 'the ring gets its pinned version');
  t.same(rings.rollout.rollouts, [
    {
      name: 'daily-2',
      task: 'Update office',
      version: '2',
      from: '1',
      waves: [
        { name: 'pilot', devices: 1, deviceNames: ['ws-2'], successThreshold: 100, errorThreshold: 0, pendingTimeoutSeconds: 600 },
        { name: 'rest', devices: 2, deviceNames: rings.rollout.rollouts[0]?.waves[1]?.deviceNames ?? [], successThreshold: 100, errorThreshold: 10, pendingTimeoutSeconds: 3600 },
      ],
      uncovered: 0,
    },
  ]);
  t.same([...(rings.rollout.rollouts[0]?.waves[1]?.deviceNames ?? [])].sort(), ['ws-1', 'ws-3']);
  t.match((await plan()).stdout, /rollout "daily-2": 2 to "Update office" \(from 1\) in 2 waves: 1\. pilot: 1 device \(ws-2\), on when 100% succeed, halt above 0% failed, silent after 10m 0s; 2\. rest: 2 devices/);
});
