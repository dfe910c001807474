/**
 * Logs of the long-running commands are pure JSON lines (issue 14: a plain "listening on" line
 * broke `jq`): a real `updops controller` and a real `updops agent`, from start to SIGTERM, print
 * nothing on stdout or stderr that is not one JSON object a line. `--log-format text` prints the
 * same events as text for people.
 */
import path from 'node:path';
import t from 'tap';
import type { Test } from 'tap';
import { runCli, startCli, type Running } from '../helpers/processes.js';
import { tempDirSync } from '../helpers/temp-dir.js';
import { groupYaml, makeFixture, sourceYaml, taskYaml } from '../controller/helpers/fixture.js';

const TOKEN = 'log-format-test-token';
const LISTENING = /controller listening on (http:\/\/[^\s"]+)/;

async function configured(t: Test) {
  const f = await makeFixture(t);
  f.write('groups.yaml', groupYaml('hq', [{ name: 'dp-hq' }], f.repo));
  f.write('sources.yaml', sourceYaml('vendor', f.vendorUrl));
  f.write('tasks.yaml', taskYaml('Download hq', { scope: '{group: hq}', schedule: '{kind: weekly, day: monday, time: "03:00"}' }));
  f.commit('initial');
  return f;
}

function controllerArgs(config: string, state: string, extra: string[] = []): string[] {
  return ['controller', '--config', config, '--ref', 'main', '--state', state, '--listen', '127.0.0.1:0', '--poll', '1h', ...extra];
}

/** Every line of both streams parsed as JSON; the ones that are not, for the failure message. */
function jsonLines(p: Running): { entries: Record<string, unknown>[]; bad: string[] } {
  const entries: Record<string, unknown>[] = [];
  const bad: string[] = [];
  for (const line of `${p.stdout()}${p.stderr()}`.split('\n')) {
    if (line === '') continue;
    try {
      const value = JSON.parse(line) as unknown;
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) entries.push(value as Record<string, unknown>);
      else bad.push(line);
    } catch {
      bad.push(line);
    }
  }
  return { entries, bad };
}

void t.test('controller and agent: every line on stdout and stderr is a JSON object, from start to SIGTERM', async (t) => {
  const f = await configured(t);
  const env = { UPDOPS_TOKEN: TOKEN };
  // debug: the most lines a user can ask for, and each must still be JSON.
  const controller = await startCli(t, controllerArgs(f.config, path.join(f.dir, 'logs.db'), ['--log-level', 'debug']), { cwd: f.dir, env, line: LISTENING });
  const url = controller.ready[1]!;
  const agent = await startCli(t, ['agent', '--controller', url, '--name', 'dp-hq', '--root', tempDirSync(t), '--listen', '127.0.0.1:0', '--heartbeat', '1s'], { cwd: f.dir, env, line: /registered as dp/ });
  t.equal((await fetch(`${url}/api/status`)).status, 200);
  await new Promise((r) => setTimeout(r, 1500)); // a heartbeat or two
  t.equal((await agent.stop('SIGTERM')).code, 0, 'the agent exits 0');
  t.equal((await controller.stop('SIGTERM')).code, 0, 'the controller exits 0');

  for (const [name, p] of [['controller', controller], ['agent', agent]] as const) {
    const { entries, bad } = jsonLines(p);
    t.same(bad, [], `${name}: no line that is not JSON`);
    t.ok(entries.length >= 2, `${name}: ${entries.length} JSON lines`);
    t.ok(entries.every((e) => typeof e.level === 'number' && typeof e.time === 'string' && typeof e.msg === 'string'), `${name}: each has level, time and msg`);
  }
  const controllerLines = jsonLines(controller).entries;
  t.match(controllerLines.find((e) => LISTENING.test(String(e.msg))), { level: 30, url, msg: `controller listening on ${url}` }, 'the address is a field too');
  t.ok(controllerLines.some((e) => e.msg === 'stopped'), 'the shutdown is logged');
  t.match(jsonLines(agent).entries.find((e) => /^agent dp-hq registered as dp/.test(String(e.msg))), { agent: 'dp-hq', role: 'dp', url: /^http:\/\/127\.0\.0\.1:\d+$/ });
});

void t.test('--log-level warn still prints the address (port 0 is otherwise unknowable), as JSON', async (t) => {
  const f = await configured(t);
  const controller = await startCli(t, controllerArgs(f.config, path.join(f.dir, 'warn.db'), ['--log-level', 'warn']), { cwd: f.dir, line: LISTENING });
  t.equal((await controller.stop('SIGTERM')).code, 0);
  const { entries, bad } = jsonLines(controller);
  t.same(bad, []);
  t.same(entries.map((e) => e.msg), [`controller listening on ${controller.ready[1]}`], 'nothing below warn but the address');
});

void t.test('--log-format text: the same events as text lines, no JSON', async (t) => {
  const f = await configured(t);
  const controller = await startCli(t, controllerArgs(f.config, path.join(f.dir, 'text.db'), ['--log-format', 'text']), { cwd: f.dir, line: LISTENING });
  const url = controller.ready[1]!;
  t.equal((await controller.stop('SIGTERM')).code, 0);
  const lines = controller.stdout().trimEnd().split('\n');
  t.ok(lines.length >= 2);
  t.match(lines.find((l) => l.includes('controller listening on')), new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\S+Z INFO  controller listening on ${url} url=${url}$`));
  t.match(lines.at(-1), /^\S+Z INFO {2}stopped signal=SIGTERM$/);
  t.notOk(lines.some((l) => l.startsWith('{')), 'no JSON line');
  t.equal(controller.stderr(), '');
});

void t.test('an unknown --log-format or --log-level is one clear error, exit 1', async (t) => {
  const f = await configured(t);
  const res = await runCli(controllerArgs(f.config, path.join(f.dir, 'x.db'), ['--log-format', 'yaml']), { cwd: f.dir, t });
  t.equal(res.code, 1);
  t.match(res.stderr, /--log-format.*yaml.*invalid.*json, text/);
  const level = await runCli(controllerArgs(f.config, path.join(f.dir, 'x.db'), ['--log-level', 'loud']), { cwd: f.dir, t });
  t.equal(level.code, 1);
  t.match(level.stderr, /^error: option '--log-level <level>' argument 'loud' is invalid\. Allowed choices are trace, debug, info, warn, error, silent\.\n$/);
});
