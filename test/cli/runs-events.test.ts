/** `updops runs` and `updops events` (docs/design.md 4): text and JSON, from the controller's API and from the state store. */
import t from 'tap';
import type { Test } from 'tap';
import { createApiServer } from '../../src/controller/api/index.js';
import { fakeController } from '../controller/api-fake-controller.js';
import { TOKEN } from '../controller/api-request.js';
import { CLEAN_ENV, cli } from '../helpers/in-process-cli.js';

async function setup(t: Test) {
  const fake = await fakeController();
  const api = await createApiServer(fake.controller, { token: TOKEN });
  t.teardown(async () => {
    await api.close();
    await fake.cleanup();
  });
  const good = await fake.controller.runTask('Download updates for Berlin');
  await fake.controller.idle();
  const bad = await fake.controller.runTask('Broken task', 'schedule');
  await fake.controller.idle();
  const statePath = `${fake.dir}/state.db`;
  // The same question, asked of the API and of the state file, must get the same answer.
  const sources: [string, string[]][] = [
    ['api', ['--controller', api.url]],
    ['state', ['--state', statePath]],
  ];
  return { ...fake, api, good, bad, sources, run: (args: string[]) => cli(args, CLEAN_ENV) };
}

void t.test('updops runs lists runs newest first with status, trigger and times (text)', async (t) => {
  const { sources, run, good, bad } = await setup(t);
  for (const [label, source] of sources) {
    const res = await run(['runs', ...source]);
    t.equal(res.code, 0, `${label}: ${res.err}`);
    const lines = res.out.trimEnd().split('\n');
    t.match(lines[0], /^ID\s+TASK\s+TRIGGER\s+STATUS\s+STARTED\s+DURATION\s+REASON$/, label);
    t.match(lines[1], new RegExp(`^${bad.id}\\s+Broken task\\s+schedule\\s+failed\\s+\\d{4}-\\d\\d-\\d\\dT\\S+\\s+\\d+\\.\\d s`), label);
    t.match(lines[2], new RegExp(`^${good.id}\\s+Download updates for Berlin\\s+manual\\s+completed`), label);
    t.equal(lines.length, 3, label);
  }
});

void t.test('updops runs --task T --format json; --limit', async (t) => {
  const { sources, run, bad } = await setup(t);
  for (const [label, source] of sources) {
    const res = await run(['runs', '--task', 'Broken task', '--format', 'json', ...source]);
    t.equal(res.code, 0, label);
    const runs = JSON.parse(res.out);
    t.same(runs.map((r: { id: string }) => r.id), [bad.id], label);
    t.match(runs[0], { task: 'Broken task', trigger: 'schedule', status: 'failed', startedAt: String, finishedAt: String });
    t.equal(JSON.parse((await run(['runs', '--limit', '1', '--format', 'json', ...source])).out).length, 1);
  }
  t.match((await run(['runs', '--limit', '0', '--state', 'x.db'])).err, /USAGE: --limit/);
  t.match((await run(['runs', '--format', 'yaml', '--state', 'x.db'])).err, /USAGE: --format/);
});

void t.test('updops runs ID shows the run with per-device results; an unknown id → NOT_FOUND', async (t) => {
  const { sources, run, bad } = await setup(t);
  for (const [label, source] of sources) {
    const text = await run(['runs', bad.id, ...source]);
    t.equal(text.code, 0, label);
    t.match(text.out, `Run ${bad.id} of "Broken task": failed (schedule, started `);
    t.match(text.out, /dp-1\s+completed\s+3\s+1\.0 kB\s+0\.0 s/);
    t.match(text.out, /dp-2\s+failed\s+0\s+0 B\s+0\.0 s\s+-\s+only Windows DPs can run this task/);
    const json = JSON.parse((await run(['runs', bad.id, '--format', 'json', ...source])).out);
    t.same(json.results.map((r: { device: string }) => r.device), ['dp-1', 'dp-2'], label);
    const missing = await run(['runs', '0b7c2f8e-0000-4000-8000-000000000000', ...source]);
    t.equal(missing.code, 1, label);
    t.match(missing.err, /^error: NOT_FOUND: no run with id 0b7c2f8e/);
  }
});

void t.test('updops events: text and json, filtered by type', async (t) => {
  const { sources, run } = await setup(t);
  for (const [label, source] of sources) {
    const text = await run(['events', ...source]);
    t.equal(text.code, 0, label);
    const lines = text.out.trimEnd().split('\n');
    t.match(lines[0], /^TIME\s+TYPE\s+SUBJECT\s+MESSAGE$/);
    t.match(lines[1], /^\S+Z\s+RunFailed\s+Broken task\s+run \S+ failed$/);
    t.match(lines[2], /RunCompleted\s+Download updates for Berlin/);
    const json = JSON.parse((await run(['events', '--type', 'RunCompleted', '--format', 'json', ...source])).out);
    t.same(json.map((e: { type: string; subject: string }) => [e.type, e.subject]), [['RunCompleted', 'Download updates for Berlin']], label);
    t.match(json[0], { id: Number, time: String, message: String });
  }
});

void t.test('empty state: runs and events say there is nothing yet', async (t) => {
  const fake = await fakeController([]);
  t.teardown(() => fake.cleanup());
  const state = ['--state', `${fake.dir}/state.db`];
  t.equal((await cli(['runs', ...state], CLEAN_ENV)).out, 'No runs recorded.\n');
  t.equal((await cli(['events', ...state], CLEAN_ENV)).out, 'No events recorded.\n');
  t.equal((await cli(['events', '--format', 'json', ...state], CLEAN_ENV)).out, '[]\n');
});
