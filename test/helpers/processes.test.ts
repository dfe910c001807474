/** The child-process helpers: results collected whole, a timeout that kills, a ready line waited for, nothing left running. */
import t from 'tap';
import { runCli, runProcess, spawnProcess, spawnUntilLine, waitForLine } from './processes.js';

const node = process.execPath;

void t.test('runProcess collects stdout, stderr and the exit code, with the given environment', async (t) => {
  const r = await runProcess(node, ['-e', 'process.stdout.write(process.env.HELPER_X ?? "unset"); console.error("e"); process.exit(3)'], { env: { HELPER_X: 'set' } });
  t.same({ code: r.code, stdout: r.stdout, stderr: r.stderr, timedOut: r.timedOut }, { code: 3, stdout: 'set', stderr: 'e\n', timedOut: false });
});

void t.test('an undefined variable is removed from the environment', async (t) => {
  process.env.HELPER_GONE = 'present';
  t.teardown(() => delete process.env.HELPER_GONE);
  const r = await runProcess(node, ['-e', 'process.stdout.write(process.env.HELPER_GONE ?? "unset")'], { env: { HELPER_GONE: undefined } });
  t.equal(r.stdout, 'unset');
});

void t.test('past its timeout a process is killed and says so', async (t) => {
  const r = await runProcess(node, ['-e', 'setTimeout(() => {}, 60_000)'], { timeoutMs: 200 });
  t.equal(r.timedOut, true);
  t.equal(r.signal, 'SIGKILL');
  t.equal(r.code, 128);
});

void t.test('runCli runs bin/updops.js', async (t) => {
  const r = await runCli(['--help']);
  t.equal(r.code, 0, r.stderr);
  t.match(r.stdout, /validate/);
});

void t.test('spawnUntilLine resolves on the line, with its groups, and stop ends the process', async (t) => {
  const p = await spawnUntilLine(t, node, ['-e', 'console.log("listening on http://127.0.0.1:1234"); setInterval(() => {}, 1000)'], { line: /listening on (http:\S+)/ });
  t.equal(p.ready[1], 'http://127.0.0.1:1234');
  t.same(await p.stop(), { code: null, signal: 'SIGTERM' });
});

void t.test('spawnUntilLine rejects, with the output, when the process exits first', async (t) => {
  await t.rejects(spawnUntilLine(t, node, ['-e', 'console.error("bad config"); process.exit(2)'], { line: /ready/ }), /exited \(2\) before \/ready\/[\s\S]*bad config/);
});

void t.test('waiting for a line that never comes rejects and kills the process', async (t) => {
  const running = spawnProcess(t, node, ['-e', 'console.log("starting"); setInterval(() => {}, 1000)']);
  await t.rejects(waitForLine(running, /ready/, { timeoutMs: 300 }), /no line \/ready\/ within 300 ms/);
  t.same(await running.exited, { code: null, signal: 'SIGKILL' });
});

void t.test('a process still running at teardown is killed', async (t) => {
  let running: ReturnType<typeof spawnProcess> | undefined;
  await t.test('starts one and leaves it', async (t) => {
    running = spawnProcess(t, node, ['-e', 'setInterval(() => {}, 1000)']);
    t.ok(running.child.pid);
  });
  t.same(await running?.exited, { code: null, signal: 'SIGKILL' });
});
