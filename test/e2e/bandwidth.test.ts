/**
 * Bandwidth caps through the CLI a user runs (issue 19; docs/architecture.md "Bandwidth"): a
 * vendor source capped at 1MB/s makes `updops run` of a download task take 9–12 s for a 10 MB
 * database, measured on the DP's result and on the clock; the same task marked `urgent` takes
 * the next 10 MB database at full speed. Real files, a real loopback vendor repository, the real
 * `bin/updops.js`.
 */
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { generateKeys, publishRepository, serveRepository } from '../../src/repository/index.js';
import { initGitRepo } from '../helpers/git-repo.js';
import { seededBytes } from '../helpers/loopback.js';
import { groupYaml, sourceYaml, taskYaml } from '../helpers/manifests.js';
import { runCli } from '../helpers/processes.js';
import { tempDir } from '../helpers/temp-dir.js';
import { writeContent } from '../repository/publish-fixture.js';

const SIZE = 10_000_000;

/** The real CLI, timed on the clock: the cap must show in wall time, not only in what the run reports. */
async function updops(args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  const result = await runCli(args, { cwd, env: { UPDOPS_CONTROLLER: '', UPDOPS_TOKEN: '', UPDOPS_STATE: '' } });
  return { ...result, ms: Date.now() - started };
}

interface RunJson {
  run: { status: string };
  results: { device: string; status: string; bytes: number; durationMs: number; reason?: string }[];
}

void t.test('a 1MB/s cap on the vendor source: a 10 MB sync takes 9–12 s; an urgent task bypasses it', async (t) => {
  const dir = await tempDir(t, 'updops-bandwidth-');
  const content = path.join(dir, 'content');
  const vendor = path.join(dir, 'vendor');
  const keys = path.join(dir, 'keys');
  await generateKeys(keys);
  const publish = async (release: number): Promise<void> => {
    await writeContent(content, { 'databases/kes/daily.avc': seededBytes(`daily-${release}`, SIZE), 'modules/kes/agent.bin': 'agent\n'.repeat(10) });
    await publishRepository({ contentDir: content, repoDir: vendor, keysDir: keys });
  };
  await publish(1);
  const server = await serveRepository({ root: vendor, host: '127.0.0.1', port: 0 });
  t.teardown(() => server.close());

  const config = initGitRepo(path.join(dir, 'config'));
  mkdirSync(path.join(dir, 'config', 'keys'), { recursive: true });
  cpSync(path.join(vendor, 'metadata', '1.root.json'), path.join(dir, 'config', 'keys', 'vendor-root.json'));
  mkdirSync(path.join(dir, 'dps', 'dp-1'), { recursive: true });
  const dpRepo = path.join(dir, 'dps', 'dp-1', 'repo');
  const write = (urgent: boolean): void => {
    config.write('sources.yaml', sourceYaml('vendor', { url: server.url, bandwidth: { limit: '1MB/s' } }));
    config.write('groups.yaml', groupYaml('office', { distributionPoints: [{ name: 'dp-1', os: 'windows', repository: dpRepo }] }));
    config.write('tasks.yaml', taskYaml('Download', { scope: { group: 'office' }, settings: { sources: ['vendor'], components: ['databases'], ...(urgent ? { urgent: true } : {}) } }));
    config.commit(urgent ? 'urgent' : 'capped');
  };
  write(false);
  const state = path.join(dir, 'state.db');
  const common = ['--config', path.join(dir, 'config'), '--state', state];
  const applied = await updops(['apply', ...common, '--auto-approve'], dir);
  t.equal(applied.code, 0, applied.stderr);

  const capped = await updops(['run', 'Download', ...common, '--format', 'json'], dir);
  t.equal(capped.code, 0, capped.stderr);
  const first = (JSON.parse(capped.stdout) as RunJson).results[0]!;
  t.match(first, { device: 'dp-1', status: 'completed' });
  t.ok(first.bytes >= SIZE, `the 10 MB database came over the wire (${first.bytes} bytes)`);
  t.ok(first.durationMs >= 9_000 && first.durationMs <= 12_000, `the capped sync took ${first.durationMs} ms (9–12 s at 1MB/s)`);
  t.ok(capped.ms >= 9_000, `and so did the command (${capped.ms} ms)`);
  t.ok(readFileSync(path.join(dpRepo, 'metadata', 'timestamp.json')).length > 0, 'the DP holds the repository');

  await publish(2);
  write(true);
  t.equal((await updops(['apply', ...common, '--auto-approve'], dir)).code, 0);
  const urgent = await updops(['run', 'Download', ...common, '--format', 'json'], dir);
  t.equal(urgent.code, 0, urgent.stderr);
  const second = (JSON.parse(urgent.stdout) as RunJson).results[0]!;
  t.match(second, { device: 'dp-1', status: 'completed' });
  t.ok(second.bytes >= SIZE, `the next 10 MB database came over the wire (${second.bytes} bytes)`);
  // Under the cap the same 10 MB take ≥ 10 s; uncapped they took 2–3 s on a loaded 2-core box.
  t.ok(second.durationMs < 6_000, `urgent: ${second.durationMs} ms, the cap ignored`);
});
