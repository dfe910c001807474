/**
 * Secondary servers get their updates from the primary (seed 001, "Primary Administration
 * Server"), through real `updops controller` processes on 127.0.0.1:
 * - a primary controller follows config repository A, whose download task syncs its DP from the
 *   vendor, and serves that DP's repository (`--serve-repository dp-primary`) under `/repository/`;
 * - a secondary controller follows config repository B, whose task's source is
 *   `type: upstream, url: http://127.0.0.1:PORT/repository/` with the primary's token in
 *   `secretRef`, verified against the vendor's root (`trustRoot`), and syncs its own DP from it:
 *   the secondary DP's files are byte-identical to the primary's, and `updops status` on the
 *   secondary shows each new version;
 * - a wrong token in the upstream source fails the secondary's run with the primary's 401;
 * - while the primary's DP syncs a new version, readers of the served repository only ever see
 *   a complete version: every timestamp they read leads to a snapshot, targets metadata and
 *   target files that are all there.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import t from 'tap';
import { makeFixture, taskYaml } from '../controller/helpers/fixture.js';
import { filesUnder } from '../helpers/files.js';
import { initGitRepo } from '../helpers/git-repo.js';
import { groupYaml, sourceYaml } from '../helpers/manifests.js';
import { runCli, startCli } from '../helpers/processes.js';
import { until } from '../helpers/wait.js';

const LISTENING = /controller listening on (http:\/\/[^\s"]+)/;
const WEEKLY = '{kind: weekly, day: monday, time: "03:00", timeZone: Europe/Berlin}';
const PRIMARY_TOKEN = 'primary-token-0123456789abcdef';
const SECONDARY_TOKEN = 'secondary-token-0123456789abcdef';

/** The served files of a repository folder: everything but dot-files (sync state, temp files), which no server hands out. */
async function servedFiles(dir: string): Promise<Map<string, string>> {
  const files = (await filesUnder(dir)).filter((f) => !f.split('/').some((s) => s.startsWith('.'))).sort();
  return new Map(files.map((f) => [f, createHash('sha256').update(readFileSync(path.join(dir, f))).digest('hex')]));
}

async function reconcileCondition(url: string): Promise<string | undefined> {
  const res = await fetch(`${url}/api/status`).catch(() => undefined);
  if (!res?.ok) return undefined;
  return ((await res.json()) as { reconcile?: { condition?: string } }).reconcile?.condition;
}

interface Json {
  signed: Record<string, any>;
}

/**
 * One reader's walk of the served repository as a TUF client makes it: timestamp → the
 * snapshot it names → the targets metadata that names → every target file (HEAD, its length).
 * Returns the timestamp version seen, or throws saying what was missing or inconsistent.
 */
async function readWhole(base: string): Promise<number> {
  const get = async (rel: string): Promise<Buffer> => {
    const res = await fetch(`${base}${rel}`);
    if (res.status !== 200) throw new Error(`${rel}: HTTP ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  };
  const timestamp = JSON.parse((await get('metadata/timestamp.json')).toString('utf8')) as Json;
  const snapshotMeta = timestamp.signed.meta['snapshot.json'] as { version: number; length?: number; hashes?: { sha256?: string } };
  const snapshotBytes = await get(`metadata/${snapshotMeta.version}.snapshot.json`);
  if (snapshotMeta.length !== undefined && snapshotBytes.length !== snapshotMeta.length) throw new Error(`snapshot ${snapshotMeta.version}: length ${snapshotBytes.length}, timestamp says ${snapshotMeta.length}`);
  if (snapshotMeta.hashes?.sha256 && createHash('sha256').update(snapshotBytes).digest('hex') !== snapshotMeta.hashes.sha256) throw new Error(`snapshot ${snapshotMeta.version}: not the one timestamp names`);
  const snapshot = JSON.parse(snapshotBytes.toString('utf8')) as Json;
  const targetsVersion = (snapshot.signed.meta['targets.json'] as { version: number }).version;
  const targets = JSON.parse((await get(`metadata/${targetsVersion}.targets.json`)).toString('utf8')) as Json;
  const entries = Object.entries(targets.signed.targets as Record<string, { length: number; hashes: { sha256: string } }>);
  await Promise.all(
    entries.map(async ([name, entry]) => {
      const dir = path.posix.dirname(name);
      const res = await fetch(`${base}targets/${dir}/${entry.hashes.sha256}.${path.posix.basename(name)}`, { method: 'HEAD' });
      if (res.status !== 200) throw new Error(`target ${name} of version ${timestamp.signed.version}: HTTP ${res.status}`);
      if (Number(res.headers.get('content-length')) !== entry.length) throw new Error(`target ${name}: length ${res.headers.get('content-length')}, targets says ${entry.length}`);
    }),
  );
  return timestamp.signed.version as number;
}

void t.test('a secondary controller syncs its DP from the primary controller\'s served repository (type: upstream)', async (t) => {
  const fx = await makeFixture(t);
  const primaryRepo = fx.repo('dp-primary');
  const secondaryRepo = fx.repo('dp-secondary');

  // Config repository A: the primary's DP downloads from the vendor.
  fx.write('groups.yaml', groupYaml('primary-site', { distributionPoints: [{ name: 'dp-primary', repository: primaryRepo }] }));
  fx.write('sources.yaml', sourceYaml('vendor', { url: fx.vendorUrl, timeoutSeconds: 5 }));
  fx.write('tasks.yaml', taskYaml('Download to primary', { scope: '{group: primary-site}', schedule: WEEKLY }));
  fx.commit('the primary site');
  const primary = await startCli(t, ['controller', '--config', fx.config, '--state', path.join(fx.dir, 'primary.db'), '--listen', '127.0.0.1:0', '--poll', '1s', '--serve-repository', 'dp-primary'], {
    line: LISTENING,
    cwd: fx.dir,
    env: { UPDOPS_TOKEN: PRIMARY_TOKEN },
  });
  const primaryUrl = primary.ready[1]!;
  await until('the primary to apply and sync its DP', async () => (await reconcileCondition(primaryUrl)) === 'Ready');
  t.match(primary.stdout(), /serving the repository of DP dp-primary on http:\/\/127\.0\.0\.1:\d+\/repository\//, 'the primary says what it serves, and where');
  const served = await fetch(`${primaryUrl}/repository/metadata/timestamp.json`);
  t.equal(served.status, 200, 'the primary serves its DP');
  t.same(Buffer.from(await served.arrayBuffer()), readFileSync(path.join(primaryRepo, 'metadata', 'timestamp.json')), "the DP's own timestamp");

  // Config repository B: the secondary's DP downloads from the primary.
  const configB = initGitRepo(path.join(fx.dir, 'config-b'));
  configB.write('keys/vendor-root.json', readFileSync(path.join(fx.config, 'keys', 'vendor-root.json')));
  const upstream = `${primaryUrl}/repository/`;
  configB.write('groups.yaml', groupYaml('secondary-site', { distributionPoints: [{ name: 'dp-secondary', repository: secondaryRepo }] }));
  configB.write(
    'sources.yaml',
    sourceYaml('primary', { type: 'upstream', url: upstream, timeoutSeconds: 5, secretRef: { env: 'PRIMARY_TOKEN' } }) +
      sourceYaml('primary-wrong-token', { type: 'upstream', url: upstream, timeoutSeconds: 5, secretRef: { env: 'WRONG_TOKEN' } }),
  );
  configB.write(
    'tasks.yaml',
    taskYaml('Download from primary', { scope: '{group: secondary-site}', schedule: WEEKLY, sources: ['primary'] }) +
      taskYaml('Wrong token', { scope: '{group: secondary-site}', schedule: '{kind: manual}', sources: ['primary-wrong-token'] }),
  );
  configB.commit('the secondary site, from the primary');
  const validated = await runCli(['validate', configB.dir], { t, cwd: fx.dir });
  t.equal(validated.code, 0, `config B is valid: ${validated.stderr}`);
  const secondaryEnv = { UPDOPS_TOKEN: SECONDARY_TOKEN, PRIMARY_TOKEN, WRONG_TOKEN: 'not-the-primary-token' };
  const secondary = await startCli(t, ['controller', '--config', configB.dir, '--state', path.join(fx.dir, 'secondary.db'), '--listen', '127.0.0.1:0', '--poll', '1s'], { line: LISTENING, cwd: fx.dir, env: secondaryEnv });
  const secondaryUrl = secondary.ready[1]!;
  await until('the secondary to apply and sync its DP from the primary', async () => (await reconcileCondition(secondaryUrl)) === 'Ready');

  const v1 = await servedFiles(primaryRepo);
  t.ok([...v1.keys()].some((f) => f.startsWith('targets/databases/kes/')), 'the primary DP holds the vendor files');
  t.same(await servedFiles(secondaryRepo), v1, "the secondary DP's files are byte-identical to the primary's");
  const status1 = await runCli(['status', '--controller', secondaryUrl], { t, cwd: fx.dir });
  t.equal(status1.code, 0, status1.stderr);
  t.match(status1.stdout, /dp-secondary\s+secondary-site\s+windows\s+v1\b/, `updops status on the secondary shows version 1:\n${status1.stdout}`);

  // A new vendor version, bigger, so the primary's sync takes a while: readers during it see only whole versions.
  const contentDir = path.join(fx.dir, 'content');
  for (let i = 0; i < 150; i++) {
    writeFileSync(path.join(contentDir, 'databases', 'kes', `extra-${i}.avc`), randomBytes(96 * 1024));
  }
  const version2 = await fx.publish(2);
  const readers: { versions: number[]; problems: string[] } = { versions: [], problems: [] };
  let syncing = true;
  const reading = (async () => {
    while (syncing) {
      try {
        readers.versions.push(await readWhole(upstream));
      } catch (error) {
        readers.problems.push((error as Error).message);
      }
    }
  })();
  const runStarted = readers.versions.length;
  const primaryRun = await runCli(['run', 'Download to primary', '--wait', '--interval', '100', '--controller', primaryUrl, '--format', 'json'], { t, cwd: fx.dir, env: { UPDOPS_TOKEN: PRIMARY_TOKEN } });
  // Keep reading a moment after the run ended, so the last reads see the new version whole.
  await until('a reader to see the new version', () => readers.versions.at(-1) === version2, 10_000).catch(() => undefined);
  syncing = false;
  await reading;
  t.equal(primaryRun.code, 0, `the primary synced version ${version2}: ${primaryRun.stdout}${primaryRun.stderr}`);
  t.same(readers.problems, [], 'no reader ever saw a half-written repository');
  t.ok(readers.versions.length - runStarted >= 5, `readers kept reading while the primary synced (${readers.versions.length - runStarted} whole reads)`);
  t.ok(readers.versions.includes(1) && readers.versions.includes(version2), `readers saw the old version, then the new one (${readers.versions.length} whole reads)`);
  const firstNew = readers.versions.indexOf(version2);
  t.notOk(readers.versions.slice(firstNew).includes(1), 'once the new version was seen, never the old one again');

  const secondaryRun = await runCli(['run', 'Download from primary', '--wait', '--interval', '100', '--controller', secondaryUrl, '--format', 'json'], { t, cwd: fx.dir, env: { UPDOPS_TOKEN: SECONDARY_TOKEN } });
  t.equal(secondaryRun.code, 0, `the secondary synced the new version from the primary: ${secondaryRun.stdout}${secondaryRun.stderr}`);
  t.match(JSON.parse(secondaryRun.stdout), { run: { status: 'completed' }, results: [{ device: 'dp-secondary', status: 'completed' }] });
  const v2 = await servedFiles(primaryRepo);
  t.ok(v2.size > v1.size + 100, 'the new version has the new files');
  t.same(await servedFiles(secondaryRepo), v2, "after the new version, the secondary DP's files are byte-identical to the primary's again");
  const status2 = await runCli(['status', '--controller', secondaryUrl], { t, cwd: fx.dir });
  t.match(status2.stdout, new RegExp(`dp-secondary\\s+secondary-site\\s+windows\\s+v${version2}\\b`), `updops status on the secondary shows version ${version2}:\n${status2.stdout}`);

  // The upstream source really sends its token: a wrong one is the primary's 401.
  const wrong = await runCli(['run', 'Wrong token', '--wait', '--interval', '100', '--controller', secondaryUrl, '--format', 'json'], { t, cwd: fx.dir, env: { UPDOPS_TOKEN: SECONDARY_TOKEN } });
  t.equal(wrong.code, 1, 'a wrong token fails the run');
  const wrongRun = JSON.parse(wrong.stdout) as { results: { device: string; status: string; reason?: string }[] };
  t.match(wrongRun.results, [{ device: 'dp-secondary', status: 'failed', reason: /HTTP 401/ }], 'with the primary refusing the credentials');
  t.notMatch(secondary.output() + primary.output() + wrong.stdout, /not-the-primary-token|primary-token-0123456789abcdef/, 'no token in any log or output');
  t.same(await servedFiles(secondaryRepo), v2, 'the failed run left the secondary DP as it was');

  // The readers' check can fail: a repository with one target file missing is not whole.
  const victim = [...v2.keys()].find((f) => f.includes('.extra-'));
  t.ok(victim, 'a target file to remove');
  rmSync(path.join(primaryRepo, victim!));
  await t.rejects(readWhole(upstream), /HTTP 404/, 'a reader notices a missing target file');

  t.equal((await secondary.stop()).code, 0);
  t.equal((await primary.stop()).code, 0);
});

void t.test('--serve-repository on a listener other machines reach needs the API token: a usage error before anything is bound', async (t) => {
  const fx = await makeFixture(t);
  fx.write('groups.yaml', groupYaml('hq', { distributionPoints: [{ name: 'dp-hq', repository: fx.repo('dp-hq') }] }));
  fx.commit('config');
  const state = path.join(fx.dir, 'untouched.db');
  // 192.0.2.1 (TEST-NET-1) is no address of this machine: were it bound first, this would be a LISTEN error instead.
  const args = ['controller', '--config', fx.config, '--state', state, '--listen', '192.0.2.1:8080', '--serve-repository', 'dp-hq'];
  const refused = await runCli(args, { t, cwd: fx.dir, env: { UPDOPS_TOKEN: undefined }, timeoutMs: 20_000 });
  t.equal(refused.code, 1);
  t.match(refused.stderr, /^error: USAGE: --serve-repository on 192\.0\.2\.1, which other machines reach, needs the API token: set UPDOPS_TOKEN or pass --token-file/);
  t.equal(refused.stderr.trim().split('\n').length, 1, 'one line, no stack trace');
  const withToken = await runCli(args, { t, cwd: fx.dir, env: { UPDOPS_TOKEN: PRIMARY_TOKEN }, timeoutMs: 20_000 });
  t.match(withToken.stderr, /^error: LISTEN: 192\.0\.2\.1:8080: 192\.0\.2\.1 is not an address of this machine/, 'with a token it goes on to bind');
  const empty = await runCli([...args.slice(0, -1), ' '], { t, cwd: fx.dir, env: { UPDOPS_TOKEN: PRIMARY_TOKEN }, timeoutMs: 20_000 });
  t.match(empty.stderr, /^error: USAGE: --serve-repository needs a DP name or a folder/);
});

void t.test('updops plan refuses an upstream source that is not http(s), with file:line:col', async (t) => {
  const fx = await makeFixture(t);
  fx.write('groups.yaml', groupYaml('hq', { distributionPoints: [{ name: 'dp-hq', repository: fx.repo('dp-hq') }] }));
  fx.write('sources.yaml', sourceYaml('primary', { type: 'upstream', url: 'ftp://primary.example/repository/' }));
  fx.write('tasks.yaml', taskYaml('Download', { scope: '{group: hq}', schedule: WEEKLY, sources: ['primary'] }));
  fx.commit('an upstream over ftp');
  const line = (readFileSync(path.join(fx.config, 'sources.yaml'), 'utf8')).split('\n').findIndex((l) => l.includes('ftp://')) + 1;
  for (const command of [['validate', fx.config], ['plan', '--config', fx.config, '--state', path.join(fx.dir, 'plan.db')]]) {
    const res = await runCli(command, { t, cwd: fx.dir });
    t.equal(res.code, 1, `${command[0]} fails`);
    t.match(res.stderr, new RegExp(`sources\\.yaml:${line}:\\d+: UPSTREAM_NOT_HTTP: update source "primary" is of type upstream`), `${command[0]}: where and why`);
    t.notMatch(res.stderr, /\n\s+at /, 'no stack trace');
  }
});
