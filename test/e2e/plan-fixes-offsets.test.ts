/**
 * Plan messages that name the fix, and randomized-delay offsets in `plan --devices` and `status`
 * (issue 16), through the CLI a user runs against real loopback servers:
 * - an old-scheme-only source for a task without `legacyScheme` → LEGACY_SCHEME_REQUIRED, fix
 *   "set `legacyScheme: true`"; a source that asks for a login → fix "give … a secretRef"; a proxy
 *   from HTTP_PROXY that refuses connections → fix naming the variables; a closed port → "nothing
 *   listens". Text, Markdown and JSON (valid against schemas/plan.json) carry the fix.
 * - each target's offset inside the window and its next delayed start, the same in the plan and in
 *   status after apply; a manual start re-deals them (seed 001).
 */
import { readFileSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import t from 'tap';
import { initGitRepo } from '../helpers/git-repo.js';
import { freeLoopbackPort } from '../helpers/loopback.js';
import { groupYaml, sourceYaml, taskYaml } from '../helpers/manifests.js';
import { runCli, startCli } from '../helpers/processes.js';
import { tempDir } from '../helpers/temp-dir.js';
import { writeContent } from '../repository/publish-fixture.js';

const EVERY_DAY = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const SERVING = /serving \S+ on (http:\/\/\S+)/;
const ajv = new Ajv({ allErrors: true, strict: true });
addFormats.default(ajv);
const validatePlan = ajv.compile(JSON.parse(readFileSync(new URL('../../schemas/plan.json', import.meta.url), 'utf8')));

interface PlanJson {
  warnings: { code: string; message: string; fix?: string }[];
  schedules: { task: string; randomDelay?: { windowSeconds: number; targets: { name: string; offsetSeconds: number; nextStart: string | null }[] } }[];
}

t.test('plan warnings name the fix: old scheme, credentials, proxy, closed port', async (t) => {
  const dir = await tempDir(t, 'updops-plan-fix-');
  const at = (...parts: string[]): string => path.join(dir, ...parts);
  const ok = async (args: string[]): Promise<void> => {
    const res = await runCli(args, { t, cwd: dir });
    t.equal(res.code, 0, `${args[0]}: ${res.stderr}`);
  };
  await ok(['keys', 'generate', '--out', at('keys')]);
  await writeContent(at('content'), { 'databases/kes/daily.avc': 'daily 1\n'.repeat(100) });
  await ok(['publish', at('content'), '--repo', at('old'), '--keys', at('keys'), '--legacy-only']);
  const old = await startCli(t, ['serve', at('old'), '--listen', '127.0.0.1:0'], { line: SERVING });
  // A server that wants a login, as a vendor mirror behind basic auth does.
  const locked = http.createServer((_req, res) => res.writeHead(401, { 'www-authenticate': 'Basic realm="updates"' }).end());
  await new Promise<void>((resolve) => locked.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => locked.close(() => resolve())));
  const lockedUrl = `http://127.0.0.1:${(locked.address() as { port: number }).port}/`;
  const closed = `http://127.0.0.1:${await freeLoopbackPort()}/`;
  const deadProxy = `http://127.0.0.1:${await freeLoopbackPort()}`;

  const config = initGitRepo(at('config'));
  config.write('sources.yaml', sourceYaml('old', { url: old.ready[1]!, timeoutSeconds: 5, trustRoot: null }) + sourceYaml('locked', { url: lockedUrl, timeoutSeconds: 5, trustRoot: null }) + sourceYaml('closed', { url: closed, timeoutSeconds: 5, trustRoot: null }));
  config.write('groups.yaml', ['old', 'locked', 'closed'].map((g) => groupYaml(g, { distributionPoints: [{ name: `dp-${g}`, repository: at('dps', g) }] })).join(''));
  config.write('tasks.yaml', ['old', 'locked', 'closed'].map((g) => taskYaml(`Download ${g}`, { scope: { group: g }, settings: { sources: [g] } })).join(''));
  config.commit('three sources that cannot be used as they are');
  const common = ['plan', '--config', at('config'), '--state', at('state.db')];

  const text = await runCli(common, { t, cwd: dir });
  t.equal(text.code, 0, text.stderr);
  t.match(text.stdout, /! LEGACY_SCHEME_REQUIRED update source "old" cannot be used: it offers only the old scheme \(SHA256SUMS, no signed metadata\/timestamp\.json\)\n\s+fix: set `legacyScheme: true` in the settings of the tasks that use this source/);
  t.match(text.stdout, /! SOURCE_UNREACHABLE update source "locked" is unreachable: .*HTTP 401: the source wants a login.*\n\s+fix: give UpdateSource "locked" a secretRef with the login/);
  t.match(text.stdout, /! SOURCE_UNREACHABLE update source "closed" is unreachable: .*ECONNREFUSED.*\n\s+fix: nothing listens at UpdateSource "closed"'s url: check the port/);

  const json = await runCli([...common, '--format', 'json'], { t, cwd: dir });
  const plan = JSON.parse(json.stdout) as PlanJson;
  t.ok(validatePlan(plan), JSON.stringify(validatePlan.errors));
  t.same(plan.warnings.map((w) => [w.code, Boolean(w.fix)]).sort(), [['LEGACY_SCHEME_REQUIRED', true], ['SOURCE_UNREACHABLE', true], ['SOURCE_UNREACHABLE', true]]);
  const markdown = await runCli([...common, '--format', 'markdown'], { t, cwd: dir });
  t.match(markdown.stdout, /LEGACY_SCHEME_REQUIRED.* — \*\*fix:\*\* set \\?`legacyScheme: true\\?`/);

  // The same source through a proxy from the environment that is down: the fix names the variables.
  const proxied = await runCli(common, { t, cwd: dir, env: { HTTP_PROXY: deadProxy, http_proxy: deadProxy, NO_PROXY: '', no_proxy: '' } });
  t.match(proxied.stdout, /update source "closed" is unreachable: .*through proxy \S+ from http_proxy: ECONNREFUSED.*\n\s+fix: check HTTPS_PROXY \/ HTTP_PROXY: the proxy cannot be reached/);

  // Fixed as the plan said: legacyScheme on, and the old-scheme warning is gone.
  config.write('tasks.yaml', taskYaml('Download old', { scope: { group: 'old' }, settings: { sources: ['old'], legacyScheme: true } }));
  config.commit('old scheme allowed');
  const fixed = await runCli(common, { t, cwd: dir });
  t.notMatch(fixed.stdout, /LEGACY_SCHEME_REQUIRED/);
  t.match(fixed.stdout, /"Download old" is manual and does not run on apply.*\n\s+dp-old: repository is empty/);
});

t.test('plan --devices and status show each target\'s randomized-delay offset; a manual start re-deals them', async (t) => {
  const dir = await tempDir(t, 'updops-offsets-');
  const at = (...parts: string[]): string => path.join(dir, ...parts);
  const config = initGitRepo(at('config'));
  await cp(new URL('../../examples/config/keys', import.meta.url), at('config', 'keys'), { recursive: true }).catch(() => undefined);
  const devices = Array.from({ length: 5 }, (_, i) => ({ name: `pc-${i + 1}`, os: 'windows' as const }));
  config.write('sources.yaml', sourceYaml('vendor', { url: `http://127.0.0.1:${await freeLoopbackPort()}/`, timeoutSeconds: 1, trustRoot: null }));
  config.write('groups.yaml', groupYaml('office', { devices }));
  config.write('tasks.yaml', taskYaml('Nightly', { type: 'Update', scope: { group: 'office' }, settings: { sources: ['vendor'] }, schedule: { kind: 'daysOfWeek', days: EVERY_DAY, time: '02:00', timeZone: 'UTC' }, randomDelay: { minutes: 30 } }) + taskYaml('Plain', { type: 'Update', scope: { group: 'office' }, settings: { sources: ['vendor'] }, schedule: { kind: 'daysOfWeek', days: EVERY_DAY, time: '03:00', timeZone: 'UTC' } }));
  config.commit('a nightly task spread over 30 minutes');
  const now = '2026-12-02T12:00:00.000Z';
  const common = ['--config', at('config'), '--state', at('state.db'), '--now', now];

  const planned = await runCli(['plan', ...common, '--devices', '--offline', '--format', 'json'], { t, cwd: dir });
  t.equal(planned.code, 0, planned.stderr);
  const plan = JSON.parse(planned.stdout) as PlanJson;
  t.ok(validatePlan(plan), JSON.stringify(validatePlan.errors));
  const delay = plan.schedules.find((s) => s.task === 'Nightly')?.randomDelay;
  t.equal(delay?.windowSeconds, 1800);
  t.same(delay?.targets.map((d) => d.name), devices.map((d) => d.name));
  for (const target of delay?.targets ?? []) {
    t.ok(target.offsetSeconds >= 0 && target.offsetSeconds < 1800, `${target.name}: offset inside the window`);
    t.equal(Date.parse(target.nextStart!) - Date.parse('2026-12-03T02:00:00.000Z'), target.offsetSeconds * 1000 + (Date.parse(target.nextStart!) % 1000), `${target.name}: next start is 02:00 plus its offset`);
  }
  t.ok(new Set(delay?.targets.map((d) => d.offsetSeconds)).size > 1, 'targets are spread over the window');
  t.notOk(plan.schedules.find((s) => s.task === 'Plain')?.randomDelay, 'no randomized delay, no offsets');
  const withoutFlag = JSON.parse((await runCli(['plan', ...common, '--offline', '--format', 'json'], { t, cwd: dir })).stdout) as PlanJson;
  t.notOk(withoutFlag.schedules.some((s) => s.randomDelay), 'offsets only with --devices');
  const planText = await runCli(['plan', ...common, '--devices', '--offline'], { t, cwd: dir });
  t.match(planText.stdout, /Randomized-delay offsets:\n\s+"Nightly": window 30m 0s, 5 targets\n\s+pc-1\s+\+\d+m \d+s\s+next 2026-12-03T02:/);

  t.equal((await runCli(['apply', ...common, '--auto-approve'], { t, cwd: dir })).code, 0);
  const status = JSON.parse((await runCli(['status', '--state', at('state.db'), '--now', now, '--format', 'json'], { t, cwd: dir })).stdout) as { tasks: { name: string; randomDelay: PlanJson['schedules'][0]['randomDelay'] | null }[] };
  t.same(status.tasks.find((x) => x.name === 'Nightly')?.randomDelay, delay, 'status shows the offsets the plan showed');
  const statusText = await runCli(['status', '--state', at('state.db'), '--now', now], { t, cwd: dir });
  t.match(statusText.stdout, /Randomized-delay offsets:\n\s+Nightly: window 30m 0s\n\s+TARGET\s+OFFSET\s+NEXT START\n\s+pc-1\s+\+/);

  // A manual start re-deals the offsets (seed 001: "when … the task is started manually, the calculated value … changes").
  await runCli(['run', 'Nightly', '--config', at('config'), '--state', at('state.db')], { t, cwd: dir });
  const after = JSON.parse((await runCli(['status', '--state', at('state.db'), '--now', now, '--format', 'json'], { t, cwd: dir })).stdout) as typeof status;
  t.notSame(after.tasks.find((x) => x.name === 'Nightly')?.randomDelay?.targets.map((d) => d.offsetSeconds), delay?.targets.map((d) => d.offsetSeconds), 'new offsets after a manual start');
});
