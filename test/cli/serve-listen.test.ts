/**
 * `updops serve` binds first (docs/design.md 4; issue "Bind first"): a busy port is one line
 * `error: LISTEN: 127.0.0.1:PORT is in use`, exit 1 within 2 s, nothing served and no serving
 * process left — for every way serve can run: one process, the SO_REUSEPORT group (default,
 * one process per core) and node:cluster (`UPDOPS_SERVE_NO_REUSEPORT=1`). The port is held by a
 * plain socket and by another `updops serve` (whose SO_REUSEPORT group must not be joined).
 * Then the group serves and stops cleanly on SIGTERM, its processes gone.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import t from 'tap';
import type { Test } from 'tap';
import { CLI, runCli, startCli } from '../helpers/processes.js';
import { tempDir } from '../helpers/temp-dir.js';

/** Pids of processes whose command line mentions `marker` (a test's own temp folder). */
function processesWith(marker: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(marker)) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** A plain socket listening on a loopback port for the whole test. */
async function busyPort(t: Test): Promise<number> {
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => holder.close(() => resolve())));
  return (holder.address() as { port: number }).port;
}

async function folder(t: Test): Promise<string> {
  const dir = await tempDir(t, 'updops-serve-listen-');
  writeFileSync(path.join(dir, 'timestamp.json'), '{}\n');
  return dir;
}

const MODES: { name: string; args: string[]; env: Record<string, string> }[] = [
  { name: 'one process (--workers 1)', args: ['--workers', '1'], env: {} },
  { name: 'SO_REUSEPORT group (--workers 2)', args: ['--workers', '2'], env: {} },
  { name: 'node:cluster (--workers 2, UPDOPS_SERVE_NO_REUSEPORT=1)', args: ['--workers', '2'], env: { UPDOPS_SERVE_NO_REUSEPORT: '1' } },
];

for (const mode of MODES) {
  void t.test(`busy port, ${mode.name}: one LISTEN line, exit 1 within 2 s, no process left`, async (t) => {
    const dir = await folder(t);
    const port = await busyPort(t);
    const started = Date.now();
    const res = await runCli(['serve', dir, '--listen', `127.0.0.1:${port}`, ...mode.args], { env: mode.env, timeoutMs: 10_000, t });
    const ms = Date.now() - started;
    t.equal(res.code, 1, 'exit 1');
    t.equal(res.stderr, `error: LISTEN: 127.0.0.1:${port} is in use\n`, 'exactly one clear line');
    t.equal(res.stdout, '', 'nothing announced');
    t.ok(ms < 2_000, `exited within 2 s (${ms} ms)`);
    t.same(processesWith(dir), [], 'no serving process left');
  });
}

void t.test('busy port and a folder that does not exist: the bind comes first, so LISTEN is the error', async (t) => {
  const dir = await folder(t);
  const port = await busyPort(t);
  const res = await runCli(['serve', path.join(dir, 'missing'), '--listen', `127.0.0.1:${port}`, '--workers', '2'], { timeoutMs: 10_000, t });
  t.equal(res.code, 1);
  t.equal(res.stderr, `error: LISTEN: 127.0.0.1:${port} is in use\n`);
});

void t.test('a missing folder on a free port: one NOT_FOUND line from the group, no process left', async (t) => {
  const dir = await folder(t);
  const res = await runCli(['serve', path.join(dir, 'missing'), '--listen', '127.0.0.1:0', '--workers', '2'], { timeoutMs: 10_000, t });
  t.equal(res.code, 1);
  t.match(res.stderr, /^error: NOT_FOUND: cannot serve .*missing: it is not an existing directory\n$/, 'reported once, by the primary');
  t.same(processesWith(dir), []);
});

void t.test('the group serves, a second serve on its port is refused, SIGTERM stops every process', async (t) => {
  const dir = await folder(t);
  const serve = await startCli(t, ['serve', dir, '--listen', '127.0.0.1:0', '--workers', '2'], { line: /on http:\/\/127\.0\.0\.1:(\d+)/ });
  const port = Number(serve.ready[1]);
  t.equal(processesWith(dir).length, 3, 'a primary and two serving processes');
  // Separate connections, so both sockets of the group get some.
  for (let i = 0; i < 20; i++) {
    const res = await fetch(`http://127.0.0.1:${port}/timestamp.json`, { headers: { connection: 'close' } });
    t.equal(res.status, 200);
    t.equal(await res.text(), '{}\n');
    if (res.status !== 200) break;
  }
  // Another updops serve sets SO_REUSEPORT too: it must still see the port as taken.
  const second = await runCli(['serve', dir, '--listen', `127.0.0.1:${port}`, '--workers', '2'], { timeoutMs: 10_000, t });
  t.equal(second.code, 1);
  t.equal(second.stderr, `error: LISTEN: 127.0.0.1:${port} is in use\n`);
  const end = await serve.stop('SIGTERM');
  t.equal(end.code, 0, 'clean exit');
  t.match(serve.stdout(), /stopped\n$/);
  t.same(processesWith(dir), [], 'no serving process left');
  t.ok(CLI.endsWith('updops.js'));
});
