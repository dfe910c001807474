/**
 * Disk full (docs/design.md 3 "publish atomically: files first, metadata last … a reader always sees
 * one complete, verified version"): the DP mirror lives on a 4 MiB filesystem; a sync whose next
 * version needs more aborts with a clear `error: DISK:` line (real CLI), the previous version is
 * still complete (tree hash) and `updops serve` answers it; once space is added the next sync
 * completes.
 *
 * Filesystem used: `mount -t tmpfs -o size=4m` (needs root; works in this sandbox). Fallback: a
 * loop-mounted ext4 image (losetup + mkfs.ext4, Debian e2fsprogs) when tmpfs is refused. If
 * neither can be mounted the test is skipped with the reason printed — no write limit is
 * injected into the sync engine for it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { FixtureRepo, blob, sha256, treeHash } from '../repository/helpers/sync-fixture.js';
import { runCli, STACK_FRAME, tempDir } from './helpers/common.js';
import { rawRequest, startServe } from './helpers/serve-process.js';

const MB = 1024 * 1024;
const v1 = { 'databases/kes/daily.avc': blob(1 * MB, 31), 'modules/kes/app.bin': blob(256 * 1024, 32) };
const v2 = { 'databases/kes/daily.avc': blob(1 * MB, 33), 'databases/kes/main.avc': blob(5 * MB, 34), 'modules/kes/app.bin': blob(256 * 1024, 32) };

/**
 * Files of the previous version that are missing or changed. New files are allowed: targets are
 * named by content hash and are moved in before the metadata switch (files first, metadata
 * last), so v2 targets that arrived before the disk filled are present but referenced by nothing
 * the mirror serves as its version; the next successful sync uses or removes them.
 */
export function damage(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...before].flatMap(([rel, hash]) => (after.get(rel) === undefined ? [`missing: ${rel}`] : after.get(rel) !== hash ? [`changed: ${rel}`] : []));
}

interface SmallFs {
  kind: string;
  dir: string;
  grow(): boolean;
}

const sh = (cmd: string, args: string[]): { ok: boolean; out: string } => {
  const res = spawnSync(cmd, args, { encoding: 'utf8' });
  return { ok: res.status === 0, out: `${res.stdout}${res.stderr}`.trim() };
};

/** A 4 MiB filesystem at `dir` (tmpfs, else loop ext4), unmounted in teardown; undefined with the reasons when impossible. */
function mountSmall(t: { teardown(fn: () => unknown): void }, work: string): SmallFs | string {
  if (process.getuid?.() !== 0) return 'not root: cannot mount a size-limited filesystem';
  const dir = path.join(work, 'small');
  mkdirSync(dir);
  const tmpfs = sh('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', dir]);
  if (tmpfs.ok) {
    t.teardown(() => sh('umount', ['-l', dir]));
    return { kind: 'tmpfs size=4m', dir, grow: () => sh('mount', ['-o', 'remount,size=64m', dir]).ok };
  }
  const image = path.join(work, 'small.img');
  const made = sh('bash', ['-c', `truncate -s 4M "$0" && mkfs.ext4 -q -F "$0" && mount -o loop "$0" "$1"`, image, dir]);
  if (made.ok) {
    t.teardown(() => sh('umount', ['-l', dir]));
    return { kind: 'loop-mounted ext4 image (4 MiB)', dir, grow: () => sh('bash', ['-c', `truncate -s 64M "$0" && losetup -c "$(findmnt -n -o SOURCE "$1")" && resize2fs -f "$(findmnt -n -o SOURCE "$1")"`, image, dir]).ok };
  }
  return `tmpfs refused (${tmpfs.out}); loop ext4 refused (${made.out})`;
}

void t.test('a sync into a full disk aborts with DISK; the previous version stays complete and served', async (t) => {
  const work = tempDir(t, 'diskfull');
  const fs = mountSmall(t, work);
  if (typeof fs === 'string') {
    t.comment(`disk full: SKIPPED — ${fs}`);
    t.pass('disk-full test skipped', { skip: fs });
    return;
  }
  t.comment(`disk full: using ${fs.kind}`);
  const repo = new FixtureRepo(path.join(work, 'vendor'));
  await repo.publish(v1);
  const dp = path.join(fs.dir, 'dp');
  const sync = (): ReturnType<typeof runCli> => runCli(['sync', '--source', repo.dir, '--dest', dp, '--trust-root', repo.rootPath()], { cwd: work });
  const first = await sync();
  t.equal(first.code, 0, `v1 fits: ${first.stderr}`);
  const before = await treeHash(dp);

  await repo.publish(v2);
  const full = await sync();
  t.equal(full.code, 1, 'the sync fails');
  t.match(full.stderr, /^error: DISK: .*(ENOSPC|no space)/im, `one clear DISK line: ${full.stderr.trim()}`);
  t.notMatch(full.stderr, STACK_FRAME, 'no stack trace');
  t.comment(`disk full: ${full.stderr.trim()}`);
  const now = await treeHash(dp);
  t.same(damage(before, now), [], 'every file of the previous version is there with its bytes (metadata included)');
  const extra = [...now.keys()].filter((k) => !before.has(k));
  t.ok(extra.every((k) => k.startsWith('targets/')), `only new content-addressed targets were added, none referenced yet: ${extra.length}`);

  const serve = await startServe(dp);
  try {
    const rel = `targets/databases/kes/${sha256(v1['databases/kes/daily.avc'])}.daily.avc`;
    const res = await rawRequest(serve.port, `/${rel}`);
    t.equal(res.status, 200, 'serve still answers the previous target');
    t.equal(sha256(res.body), sha256(v1['databases/kes/daily.avc']), 'with the previous bytes');
  } finally {
    await serve.stop();
  }

  t.ok(fs.grow(), 'space added');
  const after = await sync();
  t.equal(after.code, 0, `the next sync completes: ${after.stderr}`);
  t.ok(existsSync(path.join(dp, `targets/databases/kes/${sha256(v2['databases/kes/main.avc'])}.main.avc`)), 'v2 is in place');
});

void t.test('the check can fail: an in-place copy onto the full disk is caught', async (t) => {
  const work = tempDir(t, 'diskfull-canfail');
  const fs = mountSmall(t, work);
  if (typeof fs === 'string') {
    t.pass('skipped', { skip: fs });
    return;
  }
  const repo = new FixtureRepo(path.join(work, 'vendor'));
  await repo.publish(v1);
  const dp = path.join(fs.dir, 'dp');
  t.equal((await runCli(['sync', '--source', repo.dir, '--dest', dp, '--trust-root', repo.rootPath()], { cwd: work })).code, 0);
  const before = await treeHash(dp);
  // The broken variant: overwrite the served file in place with a bigger one until the disk is full.
  const rel = `targets/databases/kes/${sha256(v1['databases/kes/daily.avc'])}.daily.avc`;
  t.throws(() => writeFileSync(path.join(dp, rel), v2['databases/kes/main.avc']), { code: 'ENOSPC' }, 'the naive write runs out of space');
  t.match(damage(before, await treeHash(dp)), [/changed: targets\/databases\/kes\/.*daily\.avc/], 'and the check sees the damage');
});
