/**
 * `updops run TASK --controller URL [--wait]` against a real API server (docs/design.md 4): exit 0 when
 * the run completed, 1 when it failed or was skipped, per-device results printed; the token comes
 * from --token-file or UPDOPS_TOKEN and a wrong one starts nothing.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import type { Test } from 'tap';
import { createApiServer } from '../../src/controller/api/index.js';
import { fakeController } from '../controller/api-fake-controller.js';
import { TOKEN } from '../controller/api-request.js';
import { CLEAN_ENV, cli } from '../helpers/in-process-cli.js';

async function setup(t: Test) {
  const fake = await fakeController();
  const api = await createApiServer(fake.controller, { token: TOKEN });
  const tokenFile = join(fake.dir, 'token');
  writeFileSync(tokenFile, `${TOKEN}\n`);
  t.teardown(async () => {
    await api.close();
    await fake.cleanup();
  });
  const run = (args: string[], env: Record<string, string | undefined> = {}) => cli(['run', ...args, '--interval', '10'], { ...CLEAN_ENV, ...env });
  return { ...fake, api, tokenFile, run };
}

void t.test('run --wait on a task that completes → exit 0 and a line per device', async (t) => {
  const { api, tokenFile, run } = await setup(t);
  const res = await run(['Download updates for Berlin', '--controller', api.url, '--token-file', tokenFile, '--wait']);
  t.equal(res.code, 0, res.err);
  t.match(res.out, /^Started run [0-9a-f-]{36} of "Download updates for Berlin" \(running\)\. Waiting for it to finish…\n/);
  t.match(res.out, /Run [0-9a-f-]{36} of "Download updates for Berlin": completed \(manual, started .*, finished .*\)/);
  t.match(res.out, /DEVICE\s+STATUS\s+FILES\s+BYTES\s+DURATION\s+SOURCE\s+REASON/);
  t.match(res.out, /dp-1\s+completed\s+3\s+1\.0 kB/);
  t.match(res.out, /dp-2\s+completed\s+3\s+1\.0 kB/);
  t.equal(res.err, '');
});

void t.test('run --wait polls the run alone (?results=none) and reads its results once, at the end', async (t) => {
  const { api, run, controller } = await setup(t);
  const waiting = run(['Slow task', '--controller', api.url, '--wait'], { UPDOPS_TOKEN: TOKEN });
  await new Promise((resolve) => setTimeout(resolve, 300)); // ~30 polls at --interval 10
  // Asserted once the in-process CLI is done: while it runs, it holds stdout (tap's output too).
  const [listed] = await controller.store.listRuns({ task: 'Slow task' });
  const light: unknown = await (await fetch(`${api.url}/api/runs/${listed!.id}?results=none`)).json();
  const bad = (await fetch(`${api.url}/api/runs/${listed!.id}?results=some`)).status;
  const unknown = (await fetch(`${api.url}/api/runs/nope?results=none`)).status;
  controller.release('Slow task');
  const res = await waiting;
  t.same(light, { run: listed }, 'the light answer: the run, no results');
  t.equal(bad, 400, 'results is none or all');
  t.equal(unknown, 404);
  t.equal(res.code, 0, res.err);
  t.match(res.out, /dp-2\s+completed\s+3\s+1\.0 kB/, 'the results, read once the run ended');
  t.equal(controller.calls.getRun, 1, 'the full run with its results was read once, not on every poll');
});

void t.test('run --wait on a task that fails → exit 1 with the failed device and its reason', async (t) => {
  const { api, run } = await setup(t);
  const res = await run(['Broken task', '--controller', api.url, '--wait'], { UPDOPS_TOKEN: TOKEN });
  t.equal(res.code, 1);
  t.match(res.out, /"Broken task": failed/);
  t.match(res.out, /dp-2\s+failed\s+0\s+0 B\s+\S+ s\s+-\s+only Windows DPs can run this task/);
});

void t.test('run --wait --format json prints the run and its results', async (t) => {
  const { api, tokenFile, run } = await setup(t);
  const res = await run(['Broken task', '--controller', api.url, '--token-file', tokenFile, '--wait', '--format', 'json']);
  t.equal(res.code, 1);
  const body = JSON.parse(res.out);
  t.match(body.run, { task: 'Broken task', status: 'failed' });
  t.same(body.results.map((r: { device: string; status: string }) => r.status), ['completed', 'failed']);
});

void t.test('UPDOPS_CONTROLLER and UPDOPS_TOKEN stand in for the flags; without --wait the run is started and the command returns', async (t) => {
  const { api, run, controller } = await setup(t);
  const res = await run(['Download updates for Berlin'], { UPDOPS_CONTROLLER: api.url, UPDOPS_TOKEN: TOKEN });
  t.equal(res.code, 0, res.err);
  t.match(res.out, /^Started run \S+ of "Download updates for Berlin" \(running\)\.\n$/);
  t.equal(controller.calls.runTask, 1);
  await controller.idle();
});

void t.test('a task already running: the start is skipped, the command says why and exits 1', async (t) => {
  const { api, run, controller } = await setup(t);
  t.equal((await run(['Slow task', '--controller', api.url], { UPDOPS_TOKEN: TOKEN })).code, 0);
  const res = await run(['Slow task', '--controller', api.url, '--wait'], { UPDOPS_TOKEN: TOKEN });
  t.equal(res.code, 1);
  t.match(res.out, /skipped: the task is already running/);
  controller.release('Slow task');
  await controller.idle();
});

void t.test('a wrong or missing token → exit 1 with one UNAUTHORIZED line, nothing started', async (t) => {
  const { api, run, controller, dir } = await setup(t);
  const wrongFile = join(dir, 'wrong');
  writeFileSync(wrongFile, 'nope\n');
  const wrong = await run(['Broken task', '--controller', api.url, '--token-file', wrongFile]);
  t.equal(wrong.code, 1);
  t.match(wrong.err, /^error: UNAUTHORIZED: controller: missing or wrong bearer token\n$/);
  t.notMatch(wrong.err, 'nope');
  const missing = await run(['Broken task', '--controller', api.url]);
  t.equal(missing.code, 1);
  t.match(missing.err, /UNAUTHORIZED/);
  t.equal(controller.calls.runTask, 0);
  t.same(await controller.recorded(), { runs: 0, events: 0 });
});

void t.test('an unknown task → exit 1, NOT_FOUND; an unreachable controller → one clear line', async (t) => {
  const { api, run } = await setup(t);
  const unknown = await run(['No such task', '--controller', api.url], { UPDOPS_TOKEN: TOKEN });
  t.equal(unknown.code, 1);
  t.match(unknown.err, /^error: NOT_FOUND: controller: no task named "No such task"\n$/);
  const closed = await run(['Broken task', '--controller', 'http://127.0.0.1:1'], { UPDOPS_TOKEN: TOKEN });
  t.equal(closed.code, 1);
  t.match(closed.err, /^error: USAGE: cannot reach the controller at http:\/\/127\.0\.0\.1:1: /);
  const bad = await run(['Broken task', '--controller', 'not a url']);
  t.match(bad.err, /--controller must be a URL/);
});

void t.test('an empty or unreadable token file is a usage error', async (t) => {
  const { api, run, dir } = await setup(t);
  const empty = join(dir, 'empty');
  writeFileSync(empty, '\n');
  t.match((await run(['Broken task', '--controller', api.url, '--token-file', empty])).err, /USAGE: the token file .* is empty/);
  t.match((await run(['Broken task', '--controller', api.url, '--token-file', join(dir, 'absent')])).err, /USAGE: cannot read the token file/);
});
