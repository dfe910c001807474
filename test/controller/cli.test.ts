/**
 * `updops controller` as a real process (docs/design.md 4): it reconciles the branch on start,
 * answers the HTTP API on 127.0.0.1, and on SIGTERM stops cleanly with exit code 0.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { spawnUntilLine } from '../helpers/processes.js';
import { groupYaml, makeFixture, sourceYaml, taskYaml } from './helpers/fixture.js';

const here = path.dirname(fileURLToPath(import.meta.url));

t.test('controller CLI: reconciles, serves the API, exits 0 on SIGTERM', async (t) => {
  const f = await makeFixture(t);
  f.write('groups.yaml', groupYaml('hq', [{ name: 'dp-hq' }], f.repo));
  f.write('sources.yaml', sourceYaml('vendor', f.vendorUrl));
  f.write('tasks.yaml', taskYaml('Download hq', { scope: '{group: hq}', schedule: '{kind: weekly, day: monday, time: "03:00"}' }));
  const commit = f.commit('initial');
  const state = path.join(f.dir, 'cli-state.db');
  const args = ['controller', '--config', f.config, '--ref', 'main', '--state', state, '--listen', '127.0.0.1:0', '--poll', '1h', '--log-level', 'silent'];
  const controller = await spawnUntilLine(t, process.execPath, ['--import', import.meta.resolve('tsx'), path.join(here, 'helpers', 'cli.ts'), ...args], {
    cwd: f.dir,
    env: { UPDOPS_TEST_CLI: '1' },
    line: /controller listening on (http:\/\/[^\s"]+)/,
  });
  const url = controller.ready[1];
  const runs = (await (await fetch(`${url}/api/runs`)).json());
  t.match(JSON.stringify(runs), /Download hq/, 'the first apply synced the DP and the API lists that run');
  const { code } = await controller.stop('SIGTERM');
  t.equal(code, 0, `exit 0 on SIGTERM (stderr: ${controller.stderr()})`);
  const store = await f.openStore('cli-state.db');
  t.equal((await store.listHistory(1))[0]?.commit, commit, 'the head commit was applied');
  t.equal(await store.getLock(), undefined, 'no lock left behind');
});
