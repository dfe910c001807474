/**
 * docs/design.md 2 "Apply", acceptance 3: a second apply fails fast naming the lock holder; the
 * state stays consistent; `apply --force-unlock <id>` removes a stale lock.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import t from 'tap';
import { DPS, NOW, STACK_FRAME, makeWorld } from './helpers/world.js';

void t.test('acceptance 3: two applies at once, exactly one proceeds; the other names the holder', async (t) => {
  // 2 MiB per DP at ~400 kB/s: the winner holds the lock for several seconds while it syncs.
  const w = await makeWorld(t, { bigFileBytes: 2 * 1024 * 1024, rate: 400_000 });
  const args = ['apply', ...w.common, '--now', NOW];
  const first = w.spawnCli(args);
  const second = w.spawnCli(args);
  const results = [{ pid: first.pid, ...(await first) }, { pid: second.pid, ...(await second) }];
  const winners = results.filter((r) => r.code === 0);
  const losers = results.filter((r) => r.code !== 0);
  t.equal(winners.length, 1, 'exactly one apply proceeds');
  t.equal(losers.length, 1);
  const [winner, loser] = [winners[0]!, losers[0]!];
  t.match(winner.stdout, /Apply complete: 7 created, 0 updated, 0 deleted; 3 repositories synced, 0 failed \(state serial 1\)/);
  t.equal(loser.code, 1);
  t.match(loser.stderr, new RegExp(`^error: LOCKED: state is locked by tester@${hostname().replace(/\W/g, '\\$&')} pid ${winner.pid} since .* for apply`, 'm'));
  t.notMatch(loser.stderr, STACK_FRAME);
  t.equal(loser.stderr.trim().split('\n').length, 1, 'one line');

  const dump = await w.dump();
  t.equal(dump.meta.serial, 1, 'serial = number of successful applies');
  t.equal(dump.history.length, 1, 'one history entry per success');
  t.equal(dump.lock, null);
  t.equal(dump.objects.length, 7);
  t.same(dump.runs.map((r) => [r.trigger, r.status]), [['apply', 'completed'], ['apply', 'completed'], ['apply', 'completed']], 'only the winner ran syncs');
  for (const dp of DPS) t.same(await w.identicalToVendor(dp), [], dp);
});

void t.test('acceptance 3: apply --force-unlock <id> removes a stale lock', async (t) => {
  const w = await makeWorld(t);
  await w.apply((await w.prepare()).saved);
  // A holder that died without releasing: its lock is live for another hour.
  const stale = await w.withStore((store) => store.acquireLock({ owner: 'ghost', host: 'gone-host', pid: 999_999, ttlMs: 3_600_000, operation: 'apply' }));
  const file = path.join(w.config, 'tasks/download.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('time: "18:00"', 'time: "06:00"'));
  w.commit('Early downloads');
  const before = await w.dump();

  const blocked = await w.cli(['apply', ...w.common, '--now', NOW]);
  t.equal(blocked.code, 1);
  t.match(blocked.stderr, `error: LOCKED: state is locked by ghost@gone-host pid 999999`);
  t.match(blocked.stderr, `--force-unlock ${stale.id}`);
  t.same(await w.dump(), before, 'a refused apply writes nothing');

  const wrong = await w.cli(['apply', '--state', w.state, '--force-unlock', 'not-the-id']);
  t.equal(wrong.code, 1);
  t.match(wrong.stderr, /^error: NOT_FOUND: no state lock with id not-the-id; the current lock is/m);

  const unlocked = await w.cli(['apply', '--state', w.state, '--force-unlock', stale.id]);
  t.equal(unlocked.code, 0, unlocked.stderr);
  t.match(unlocked.stdout, `Lock ${stale.id} removed.`);
  t.equal((await w.dump()).lock, null);

  const applied = await w.cli(['apply', ...w.common, '--now', NOW]);
  t.equal(applied.code, 0, applied.stderr);
  const after = await w.dump();
  t.equal(after.meta.serial, 2);
  t.equal(after.history.length, 2);
});
