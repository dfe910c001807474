/** The one pid lock file (publish, device update runs): exclusive, stale holders taken over, a clear error naming a live one. */
import { access, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import t from 'tap';
import { isUpdopsError } from '../../src/errors.js';
import { acquirePidLock } from '../../src/util/pid-lock.js';
import { ROOT, runProcess } from '../helpers/processes.js';
import { tempDir } from '../helpers/temp-dir.js';

const OPTIONS = { code: 'LOCKED', holder: 'another update run', guards: 'the device root' } as const;

async function deadPid(): Promise<number> {
  const run = runProcess(process.execPath, ['-e', '']);
  await run;
  if (run.child.pid === undefined) throw new Error('no pid');
  return run.child.pid;
}

void t.test('takes a free lock, writes its pid, and release frees it', async (t) => {
  const file = path.join(await tempDir(t), 'sub', '.lock');
  const release = await acquirePidLock(file, OPTIONS);
  t.match(await readFile(file, 'utf8'), new RegExp(`^${process.pid} \\S+\\n$`));
  await release();
  const again = await acquirePidLock(file, OPTIONS);
  await again();
});

void t.test('a second acquire in the same process fails with the code, naming the holder and the file', async (t) => {
  const file = path.join(await tempDir(t), '.lock');
  const release = await acquirePidLock(file, OPTIONS);
  t.teardown(release);
  const error = await acquirePidLock(file, OPTIONS).catch((e: unknown) => e);
  t.ok(isUpdopsError(error) && error.code === 'LOCKED', 'LOCKED');
  t.match(String(error), `another update run (pid ${process.pid}) is using the device root`);
  t.match(String(error), file);
});

void t.test('a live process holding the lock blocks it', async (t) => {
  const file = path.join(await tempDir(t), '.lock');
  const parent = process.ppid; // alive for as long as this test runs
  await writeFile(file, `${parent}\n`);
  const error = await acquirePidLock(file, { ...OPTIONS, code: 'PUBLISH', holder: 'another publish' }).catch((e: unknown) => e);
  t.ok(isUpdopsError(error) && error.code === 'PUBLISH', 'the caller chooses the code');
  t.match(String(error), `another publish (pid ${parent})`);
  t.equal(await readFile(file, 'utf8'), `${parent}\n`, 'a live holder\'s lock is left alone');
});

void t.test('a lock left by a dead process is taken over', async (t) => {
  const file = path.join(await tempDir(t), '.lock');
  await writeFile(file, `${await deadPid()}\n`);
  const release = await acquirePidLock(file, OPTIONS);
  t.match(await readFile(file, 'utf8'), new RegExp(`^${process.pid} `));
  await release();
});

void t.test('an empty or torn lock file (its writer died mid-write) is taken over', async (t) => {
  const dir = await tempDir(t);
  for (const text of ['', 'garbage\n', '-5\n']) {
    const file = path.join(dir, `.lock-${text.length}`);
    await writeFile(file, text);
    const release = await acquirePidLock(file, OPTIONS);
    await release();
  }
  t.pass('all taken');
});

void t.test('this pid written by an earlier process (a restarted container) is stale', async (t) => {
  const file = path.join(await tempDir(t), '.lock');
  await writeFile(file, `${process.pid}\n`);
  const release = await acquirePidLock(file, OPTIONS);
  t.match(await readFile(file, 'utf8'), new RegExp(`^${process.pid} \\S+`));
  await release();
});

void t.test('of concurrent acquires exactly one wins', async (t) => {
  const file = path.join(await tempDir(t), '.lock');
  const results = await Promise.allSettled(Array.from({ length: 5 }, () => acquirePidLock(file, OPTIONS)));
  const won = results.filter((r) => r.status === 'fulfilled');
  t.equal(won.length, 1);
  for (const r of won) await r.value();
});

const SHARED = { ...OPTIONS, sharedWithinProcess: true } as const;

/** Tries the lock from another process; prints "taken" or the error's code and message. */
function tryFromAnotherProcess(file: string) {
  const script = `import { acquirePidLock } from ${JSON.stringify(path.join(ROOT, 'src/util/pid-lock.ts'))};
acquirePidLock(${JSON.stringify(file)}, { code: 'LOCKED', holder: 'another update run', guards: 'the root', sharedWithinProcess: true })
  .then(() => console.log('taken'), (e) => console.log(e.code, e.message));`;
  return runProcess(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script]);
}

void t.test('a shared lock: calls in this process share it, the file goes with the last release', async (t) => {
  const file = path.join(await tempDir(t), '.lock');
  const [a, b] = await Promise.all([acquirePidLock(file, SHARED), acquirePidLock(file, SHARED)]);
  await a();
  await a(); // twice is once
  await access(file);
  t.pass('still there while one holder is left');
  const other = await tryFromAnotherProcess(file);
  t.match(other.stdout, new RegExp(`^LOCKED another update run \\(pid ${process.pid}\\)`), `another process is refused: ${other.stderr}`);
  await b();
  await t.rejects(access(file), 'removed with the last release');
  const again = await tryFromAnotherProcess(file);
  t.equal(again.stdout.trim(), 'taken', `then another process gets it: ${again.stderr}`);
});

void t.test('a shared lock held by another live process is refused here too', async (t) => {
  const file = path.join(await tempDir(t), '.lock');
  await writeFile(file, `${process.ppid} some-other-process\n`);
  await t.rejects(acquirePidLock(file, SHARED), { code: 'LOCKED' });
  await t.rejects(acquirePidLock(file, SHARED), { code: 'LOCKED' }, 'a failed take leaves nothing counted');
});
