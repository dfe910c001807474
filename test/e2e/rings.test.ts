/**
 * Issue 19 "Rollouts as code", rings and pinning, through real processes on 127.0.0.1: an
 * `updops controller` following a git config repository, one DP agent and two device agents.
 * The pilot ring's Update task pins the new release, the broad ring's the previous one: each
 * device ends on its ring's version, served by the DP, which keeps both. A promotion commit
 * moves broad to the new release; `git revert` of it brings broad back to the previous one.
 * (Plan-time checks of a pin: rings-plan.test.ts.)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import type { StatusReport } from '../../src/status/index.js';
import { publishRepository, readLocalRepository } from '../../src/repository/publish/index.js';
import { targetFileRelPath } from '../../src/repository/publish/local-repository.js';
import { makeFixture } from '../controller/helpers/fixture.js';
import { git } from '../helpers/git-repo.js';
import { freeLoopbackPort } from '../helpers/loopback.js';
import { groupYaml, sourceYaml, taskYaml } from '../helpers/manifests.js';
import { runCli, startCli } from '../helpers/processes.js';
import { until } from '../helpers/wait.js';

const LISTENING = /controller listening on (http:\/\/[^\s"]+)/;
const TOKEN = 'rings-token-0123456789abcdef';
const ENV = { UPDOPS_TOKEN: TOKEN };
const PREVIOUS = '2026.11.1';
const NEXT = '2026.12.1';

async function api<T>(url: string, rel: string): Promise<T> {
  return (await (await fetch(`${url}${rel}`)).json()) as T;
}

const ring = (name: string, label: string, version: string): string =>
  taskYaml(name, { type: 'Update', scope: { group: 'office', selector: { matchLabels: { ring: label } } }, settings: { sources: ['distributionPoint'], applicationUpdateMode: 'disabled' } }).replace(
    /^spec:\n/m,
    `spec:\n  version: "${version}"\n`,
  );

void t.test('pilot on the new release, broad on the previous; promotion moves broad, git revert brings it back', async (t) => {
  const fx = await makeFixture(t);
  // Two releases with their own version names (VERSION files): repository versions 2 and 3.
  const content = path.join(fx.dir, 'content');
  const publish = async (version: string): Promise<number> => {
    writeFileSync(path.join(content, 'databases', 'kes', 'daily.avc'), `daily ${version}\n`.repeat(200));
    writeFileSync(path.join(content, 'databases', 'kes', 'VERSION'), `${version}\n`);
    return (await publishRepository({ contentDir: content, repoDir: path.join(fx.dir, 'vendor-repo'), keysDir: path.join(fx.dir, 'keys') })).version;
  };
  t.equal(await publish(PREVIOUS), 2);
  t.equal(await publish(NEXT), 3);

  const dpPort = await freeLoopbackPort();
  fx.write('groups.yaml', groupYaml('office', {
    distributionPoints: [{ name: 'dp-1', repository: fx.repo('dp-1'), address: `http://127.0.0.1:${dpPort}` }],
    devices: [
      { name: 'ws-pilot', os: 'linux', labels: { ring: 'pilot' }, license: { expires: '2099-12-31' } },
      { name: 'ws-broad', os: 'linux', labels: { ring: 'broad' }, license: { expires: '2099-12-31' } },
    ],
  }));
  fx.write('sources.yaml', sourceYaml('vendor', { url: fx.vendorUrl, timeoutSeconds: 5 }));
  const download = taskYaml('Download', { type: 'DownloadUpdatesToDistributionPoints', scope: { group: 'office' }, settings: { sources: ['vendor'] } });
  fx.write('tasks.yaml', [download, ring('Pilot', 'pilot', NEXT), ring('Broad', 'broad', PREVIOUS)].join(''));
  fx.commit(`rings: pilot on ${NEXT}, broad on ${PREVIOUS}`);

  const state = path.join(fx.dir, 'controller.db');
  const running = await startCli(t, ['controller', '--config', fx.config, '--state', state, '--listen', '127.0.0.1:0', '--poll', '1s'], { line: LISTENING, cwd: fx.dir, env: ENV });
  const url = running.ready[1]!;
  const applied = async (): Promise<number> => (await api<{ events: unknown[] }>(url, '/api/events?type=ReconcileApplied')).events.length;
  await until('the first reconcile', async () => (await applied()) > 0);
  const roots = new Map<string, string>();
  for (const name of ['dp-1', 'ws-pilot', 'ws-broad']) {
    const root = path.join(fx.dir, 'agents', name);
    mkdirSync(root, { recursive: true });
    roots.set(name, root);
    await startCli(t, ['agent', '--controller', url, '--name', name, '--root', root, '--heartbeat', '1s'], { line: /registered as/, cwd: fx.dir, env: ENV });
  }

  const run = async (task: string): Promise<void> => {
    const res = await runCli(['run', task, '--controller', url, '--wait', '--interval', '100', '--format', 'json'], { t, cwd: fx.dir, env: ENV, timeoutMs: 60_000 });
    t.equal(res.code, 0, `${task} completed`);
    if (res.code !== 0) t.comment(`${res.stdout}\n${res.stderr}`);
    // Devices update from the DP only (their sources are [distributionPoint]): the DP holds both versions.
    if (task !== 'Download') t.match((JSON.parse(res.stdout) as { results: unknown[] }).results, [{ status: 'completed', source: 'dp-1' }], `${task}: served by dp-1`);
  };
  const status = async (): Promise<StatusReport> => {
    const res = await runCli(['status', '--format', 'json', '--controller', url], { t, cwd: fx.dir });
    return JSON.parse(res.stdout) as StatusReport;
  };
  const reported = async (device: string): Promise<string | null | undefined> => (await status()).devices?.find((d) => d.name === device)?.databaseVersion;
  /** What the device folder holds: its state, and the bytes of the databases file its installed metadata names (signatures checked). */
  const installed = async (device: string): Promise<{ version: string | undefined; bytes: string }> => {
    const root = roots.get(device) ?? '';
    const st = JSON.parse(readFileSync(path.join(root, 'state.json'), 'utf8')) as { installed: { databaseVersion?: string } };
    const bases = path.join(root, 'bases');
    const target = (await readLocalRepository(bases))?.targets.get('databases/kes/daily.avc');
    const bytes = target ? readFileSync(path.join(bases, targetFileRelPath('databases/kes/daily.avc', target.sha256)), 'utf8').split('\n')[0] ?? '' : '';
    return { version: st.installed.databaseVersion, bytes };
  };
  const converge = async (expect: Record<string, string>): Promise<void> => {
    await run('Download');
    for (const device of Object.keys(expect)) await run(device === 'ws-pilot' ? 'Pilot' : 'Broad');
    for (const [device, version] of Object.entries(expect)) {
      await until(`${device} reports ${version}`, async () => (await reported(device)) === version, 15_000);
      t.same(await installed(device), { version, bytes: `daily ${version}` }, `${device} holds ${version}`);
    }
  };
  const commitAndWait = async (change: () => void): Promise<void> => {
    const before = await applied();
    change();
    await until('the controller applies the commit', async () => (await applied()) > before, 20_000);
  };

  // Pilot ring on the new release, broad on the previous: both from the DP, which keeps both.
  await converge({ 'ws-pilot': NEXT, 'ws-broad': PREVIOUS });
  const dpRepo = path.join(fx.dir, 'dps', 'dp-1', 'repo', 'metadata');
  t.ok(readFileSync(path.join(dpRepo, '2.targets.json')), 'the DP keeps the targets of the release broad is pinned to');
  t.match((await status()).distributionPoints.find((d) => d.name === 'dp-1'), { timestamp: { version: 3 } }, 'the DP serves the current version');

  // Promotion: one commit moves broad's pin to the new release.
  await commitAndWait(() => {
    fx.write('tasks.yaml', [download, ring('Pilot', 'pilot', NEXT), ring('Broad', 'broad', NEXT)].join(''));
    fx.commit(`promote ${NEXT} to broad`);
  });
  await converge({ 'ws-broad': NEXT, 'ws-pilot': NEXT });

  // Rollback: git revert of the promotion; broad goes back to the previous release.
  await commitAndWait(() => {
    git(fx.config, 'revert', '--no-edit', 'HEAD');
  });
  await converge({ 'ws-broad': PREVIOUS, 'ws-pilot': NEXT });
});
