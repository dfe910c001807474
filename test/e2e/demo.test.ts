/**
 * The demo end to end (`npm run demo`, examples/demo.ts): publish, serve, validate → plan →
 * apply → status, then a new branch office planned and applied, then a controller, a DP agent and
 * two device agents running the endpoint Update task — real CLI processes throughout. It must
 * finish on its own within 120 s (nothing left running: the vendor server, the controller and the
 * DP's server closed, every process stopped) and leave no working folder behind.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import t from 'tap';
import { ROOT as root, runProcess } from '../helpers/processes.js';
import { tempDir } from '../helpers/temp-dir.js';

const LIMIT_MS = 120_000;

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

void t.test('npm run demo: exits 0 within 120 s, plans and applies the new branch office, leaves nothing listening', { timeout: LIMIT_MS + 60_000 }, async (t) => {
  if (!existsSync(path.join(root, 'dist/cli/main.js'))) execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'ignore' });
  // Its own working directory, so the CLI's git cache (.updops/) lands there, not in the checkout.
  const cwd = await tempDir(t, 'updops-demo-test-');
  const started = Date.now();
  const demo = path.join(root, 'examples/demo.ts');
  const { code, signal, stdout: out, stderr: err } = await runProcess(process.execPath, ['--import', import.meta.resolve('tsx'), demo], { cwd, env: { NO_COLOR: '1' }, timeoutMs: LIMIT_MS, t });
  const seconds = (Date.now() - started) / 1000;

  t.equal(signal, null, `the demo ended on its own (not killed after ${LIMIT_MS / 1000} s)`);
  t.equal(code, 0, err);
  t.ok(seconds < LIMIT_MS / 1000, `finished in ${seconds.toFixed(1)} s`);
  const second = out.slice(out.indexOf('A new branch office is committed'));
  t.ok(second.length < out.length, 'the demo reached its second plan');
  t.match(second, /^ {2}\+ Group "hamburg-harbour"$/m, 'the second plan creates the new group');
  t.match(second, /Apply complete: 2 created, 0 updated, 0 deleted; 1 repository synced, 0 failed/);
  t.match(out, /Apply complete: /);
  t.notMatch(err, /^\s+at /m, 'no stack trace');

  const agents = out.slice(out.indexOf('== Agents'));
  t.ok(agents.length < out.length, 'the demo reached its agents part');
  const controllerPort = Number(/controller listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(agents)?.[1]);
  const dpPort = Number(/agent dp-hq-1 registered as dp, serving http:\/\/127\.0\.0\.1:(\d+)/.exec(agents)?.[1]);
  t.ok(controllerPort > 0 && dpPort > 0, 'the controller listened and the DP agent served');
  t.match(agents, /^agent ws-hq-001 registered as device$/m);
  t.match(agents, /^agent ws-hq-002 registered as device$/m);
  t.match(agents, /^Run \S+ of "Update databases and modules": completed /m, 'the Update run completed');
  t.match(agents, /^ {2}ws-hq-001 +completed +3 /m, 'ws-hq-001 updated');
  t.match(agents, /^ {2}ws-hq-002 +completed +3 /m, 'ws-hq-002 updated');
  t.match(agents, /the devices updated from dp-hq-1 at \S+; the vendor answered 0 requests during the run/, 'from their DP, not the vendor');
  t.match(agents, /^ {2}ws-hq-001 +v2026\.11\.1 +\S+ +upToDate +.*completed at \S+/m, 'status: freshness, database version and last update');
  t.match(agents, /^ {2}ws-hq-002 +v2026\.11\.1 +\S+ +upToDate /m);
  t.match(agents, /all 4 processes exited \(0, 0, 0, 0\)/, 'every agent and the controller exited 0 on SIGTERM');
  t.ok(await refused(controllerPort), 'nothing listens on the controller port any more');
  t.ok(await refused(dpPort), "nothing listens on the DP's port any more");

  const port = Number(/vendor repository served on http:\/\/127\.0\.0\.1:(\d+)/.exec(out)?.[1]);
  t.ok(port > 0, 'the demo named its server');
  t.ok(await refused(port), 'nothing listens on the vendor port any more');
  const work = /working folder (\S+?)\)/.exec(out)?.[1];
  t.ok(work && !existsSync(work), 'the working folder was removed');
});
