/**
 * Convergence through the CLI a user runs (issue 14, docs/design.md 2 "Actual state"): a DP's
 * expected content is what its task asks for — diff files only with `downloadDiffFiles`, the
 * `components` filter, the old scheme — so right after `updops apply` synced it,
 * `updops plan --detailed-exitcode` exits 0 and says nothing about it. One vendor has deltas
 * and both schemes (TUF and SHA256SUMS); one DP per combination of the three settings, plus an
 * old-scheme-only vendor for the `legacyScheme` DPs that really use SHA256SUMS. A missing or
 * corrupt file the DP should have is drift (exit 2); a file it should not have is not.
 */
import { cp, mkdir, rm, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import t from 'tap';
import { initGitRepo } from '../helpers/git-repo.js';
import { groupYaml, sourceYaml, taskYaml } from '../helpers/manifests.js';
import { runCli, startCli } from '../helpers/processes.js';
import { tempDir } from '../helpers/temp-dir.js';
import { writeContent } from '../repository/publish-fixture.js';
import { filesUnder } from '../helpers/files.js';

const SERVING = /serving \S+ on (http:\/\/\S+)/;

interface Combination {
  dp: string;
  source: 'vendor' | 'legacy-vendor';
  downloadDiffFiles: boolean;
  components?: string[];
  legacyScheme: boolean;
}

const COMBINATIONS: Combination[] = [];
for (const downloadDiffFiles of [false, true]) {
  for (const components of [undefined, ['databases']]) {
    for (const legacyScheme of [false, true]) {
      COMBINATIONS.push({ dp: `dp-${downloadDiffFiles ? 'diffs' : 'full'}-${components ? 'db' : 'all'}-${legacyScheme ? 'legacy' : 'tuf'}`, source: 'vendor', downloadDiffFiles, ...(components ? { components } : {}), legacyScheme });
    }
  }
}
for (const components of [undefined, ['databases']]) {
  COMBINATIONS.push({ dp: `dp-sums-${components ? 'db' : 'all'}`, source: 'legacy-vendor', downloadDiffFiles: false, ...(components ? { components } : {}), legacyScheme: true });
}


t.test('apply, then plan --detailed-exitcode exits 0 for every combination of downloadDiffFiles, components and legacyScheme', async (t) => {
  const dir = await tempDir(t, 'updops-converge-');
  const at = (...parts: string[]): string => path.join(dir, ...parts);
  const ok = async (args: string[]): Promise<string> => {
    const res = await runCli(args, { t, cwd: dir });
    t.equal(res.code, 0, res.code === 0 ? args[0]! : `${args.join(' ')}: ${res.stdout}${res.stderr}`);
    return res.stdout;
  };

  // v1, then v2 with diff files against v1: databases changed, modules did not.
  await ok(['keys', 'generate', '--out', at('keys')]);
  const v1 = { 'databases/kes/daily.avc': 'daily 1\n'.repeat(400), 'databases/kes/weekly.avc': 'weekly 1\n'.repeat(300), 'modules/kes/agent.bin': 'agent 1\n'.repeat(200) };
  await writeContent(at('content'), v1);
  await ok(['publish', at('content'), '--repo', at('vendor'), '--keys', at('keys'), '--with-legacy']);
  await writeContent(at('content'), { 'databases/kes/daily.avc': 'daily 1\n'.repeat(399) + 'daily 2\n', 'databases/kes/weekly.avc': 'weekly 2\n'.repeat(300) });
  await ok(['publish', at('content'), '--repo', at('vendor'), '--keys', at('keys'), '--with-legacy', '--deltas', '1']);
  const vendorFiles = await filesUnder(at('vendor'));
  t.ok(vendorFiles.some((f) => f.startsWith('targets/deltas/')), 'the vendor has diff files');
  t.ok(vendorFiles.includes('SHA256SUMS'), 'and the old scheme');
  await ok(['publish', at('content'), '--repo', at('legacy-vendor'), '--keys', at('keys'), '--legacy-only']);

  const [vendor, legacyVendor] = await Promise.all([startCli(t, ['serve', at('vendor'), '--listen', '127.0.0.1:0'], { line: SERVING }), startCli(t, ['serve', at('legacy-vendor'), '--listen', '127.0.0.1:0'], { line: SERVING })]);

  const config = initGitRepo(at('config'));
  await cp(at('vendor', 'metadata', '1.root.json'), at('config', 'keys', 'vendor-root.json'));
  // Under a folder of its own that exists: the DP is visible at a run's start (src/runs/presence.ts).
  for (const c of COMBINATIONS) await mkdir(at('dps', c.dp), { recursive: true });
  const repo = (dp: string): string => at('dps', dp, 'repo');
  const writeConfig = (schedule: { kind: string } & Record<string, unknown>): void => {
    config.write('sources.yaml', sourceYaml('vendor', { url: vendor.ready[1]!, timeoutSeconds: 5 }) + sourceYaml('legacy-vendor', { url: legacyVendor.ready[1]!, timeoutSeconds: 5, trustRoot: null }));
    config.write('groups.yaml', COMBINATIONS.map((c) => groupYaml(c.dp, { distributionPoints: [{ name: c.dp, repository: repo(c.dp) }] })).join(''));
    config.write(
      'tasks.yaml',
      COMBINATIONS.map((c) =>
        taskYaml(`Download ${c.dp}`, {
          scope: { group: c.dp },
          schedule,
          settings: { sources: [c.source], downloadDiffFiles: c.downloadDiffFiles, legacyScheme: c.legacyScheme, ...(c.components ? { components: c.components } : {}) },
        }),
      ).join(''),
    );
  };
  writeConfig({ kind: 'weekly', day: 'monday', time: '03:00' });
  config.commit('one DP per combination');
  const state = at('state.db');
  const common = ['--config', at('config'), '--state', state];
  const plan = (): ReturnType<typeof runCli> => runCli(['plan', ...common, '--detailed-exitcode'], { t, cwd: dir });

  const applied = await runCli(['apply', ...common, '--auto-approve'], { t, cwd: dir });
  t.equal(applied.code, 0, applied.code === 0 ? 'apply' : `${applied.stdout}${applied.stderr}`);
  t.match(applied.stdout, new RegExp(`${COMBINATIONS.length} repositories synced, 0 failed`));

  // What each DP got: the selection the task asked for.
  for (const c of COMBINATIONS) {
    const held = await filesUnder(repo(c.dp));
    const targets = held.filter((f) => f.startsWith('targets/') || (c.source === 'legacy-vendor' && !f.startsWith('.') && f !== 'SHA256SUMS'));
    t.equal(targets.some((f) => f.includes('deltas/')), c.downloadDiffFiles && c.source === 'vendor', `${c.dp}: diff files only with downloadDiffFiles`);
    t.equal(targets.some((f) => f.includes('modules/')), !c.components, `${c.dp}: modules only without the components filter`);
  }

  // The observation each run recorded after its sync reads the DP as the planner does.
  const status = JSON.parse(await ok(['status', '--state', state, '--format', 'json'])) as { distributionPoints: { name: string; version: string | null; drift: string[] }[] };
  t.same(
    status.distributionPoints.map((d) => [d.name, d.version, d.drift]).sort(),
    COMBINATIONS.map((c) => [c.dp, c.source === 'vendor' ? '2' : '0', []]).sort(),
    'status: every DP at the vendor\'s version, no drift',
  );

  const converged = await plan();
  t.equal(converged.code, 0, `after the apply, plan has nothing to do: ${converged.stdout}${converged.stderr}`);
  t.notMatch(converged.stdout, /missing|corrupt|newer|empty/);

  // Drift: files the DP should have, deleted or corrupted — all at once, one plan names each.
  const contentFile = async (dp: string, part: string): Promise<string> => {
    const found = (await filesUnder(repo(dp))).find((f) => f.includes(part) && !f.startsWith('.'));
    if (!found) throw new Error(`${dp} holds no ${part}: ${(await filesUnder(repo(dp))).join(' ')}`);
    return path.join(repo(dp), found);
  };
  const damage: [string, string, RegExp][] = [
    ['a deleted target', 'dp-full-all-tuf', /1 missing file/],
    ['a corrupted target', 'dp-full-db-legacy', /1 corrupt file/],
    ['a deleted diff file with downloadDiffFiles', 'dp-diffs-all-tuf', /1 missing file \(e\.g\. deltas\//],
    ['a deleted old-scheme file', 'dp-sums-all', /1 missing file/],
    ['a truncated old-scheme file', 'dp-sums-db', /1 corrupt file/],
  ];
  await rm(await contentFile('dp-full-all-tuf', 'weekly.avc'));
  await writeFile(await contentFile('dp-full-db-legacy', 'daily.avc'), 'tampered');
  await rm(await contentFile('dp-diffs-all-tuf', 'deltas/'));
  await rm(await contentFile('dp-sums-all', 'agent.bin'));
  await truncate(await contentFile('dp-sums-db', 'daily.avc'), 10);
  // What a DP should not have is not drift: a diff file in a DP without downloadDiffFiles was never expected.
  const strayDelta = await contentFile('dp-diffs-db-tuf', 'deltas/');
  const strayAt = path.join(repo('dp-full-db-tuf'), path.relative(repo('dp-diffs-db-tuf'), strayDelta));
  await mkdir(path.dirname(strayAt), { recursive: true });
  await cp(strayDelta, strayAt);

  const drifted = await plan();
  t.equal(drifted.code, 2, `drift: plan has something to do: ${drifted.stdout}${drifted.stderr}`);
  for (const [what, dp, detail] of damage) t.match(drifted.stdout, new RegExp(`sync ${dp} .*${detail.source}`), what);
  t.equal(drifted.stdout.match(/↻ sync/g)?.length, damage.length, 'those DPs, nothing else');
  t.notMatch(drifted.stdout, /dp-full-db-tuf/, 'a diff file a DP without downloadDiffFiles holds is not drift');
  await ok(['apply', ...common, '--auto-approve']);
  const repaired = await plan();
  t.equal(repaired.code, 0, `apply repaired them: ${repaired.stdout}`);

  // Manual tasks: the plan names every DP that is empty, stale or drifted — here none, not even "a newer version".
  writeConfig({ kind: 'manual' });
  config.commit('manual');
  await ok(['apply', ...common, '--auto-approve']);
  const manual = await plan();
  t.equal(manual.code, 0, `${manual.stdout}${manual.stderr}`);
  t.notMatch(manual.stdout, /updops run|newer|→ v|missing|corrupt|empty/, `no DP is out of date: ${manual.stdout}`);

  // And when the vendors really have something newer, the plan says so for each of their DPs.
  await writeContent(at('content'), { 'modules/kes/agent.bin': 'agent 3\n'.repeat(200) });
  await ok(['publish', at('content'), '--repo', at('vendor'), '--keys', at('keys'), '--with-legacy', '--deltas', '1']);
  await ok(['publish', at('content'), '--repo', at('legacy-vendor'), '--keys', at('keys'), '--legacy-only']);
  const stale = await runCli(['plan', ...common, '--format', 'json'], { t, cwd: dir });
  t.equal(stale.code, 0, stale.stderr);
  const actions = (JSON.parse(stale.stdout) as { actions: { action: string; dps?: { dp: string; reason: string; detail: string }[] }[] }).actions;
  const starts = actions.filter((a) => a.action === 'manualStart').flatMap((a) => a.dps ?? []);
  t.same(
    starts.map((d) => [d.dp, d.reason, d.detail]).sort(),
    COMBINATIONS.map((c) => [c.dp, 'stale', c.source === 'vendor' ? 'vendor has v2 → v3' : 'legacy-vendor has a newer version']).sort(),
    'every DP is stale against its vendor',
  );
});
