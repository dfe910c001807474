/** Agents in the state store (docs/design.md 4 `updops agent`): registration, heartbeats, idempotent results. */
import { join } from 'node:path';
import t from 'tap';
import { SqliteStateStore } from '../../src/state/sqlite/sqlite-store.js';
import { tempDirSync } from '../helpers/temp-dir.js';

const dir = tempDirSync(t, 'updops-state-agents-');

void t.test('an agent registers, heartbeats with its status, and survives reopening the file', async (t) => {
  const path = join(dir, 'a.db');
  let now = new Date('2026-11-23T12:00:00.000Z');
  const store = await SqliteStateStore.open(path, { now: () => now });
  const first = await store.upsertAgent({ name: 'ws-1', role: 'device', os: 'linux', version: '1.0.0' });
  t.same(first, { name: 'ws-1', role: 'device', os: 'linux', version: '1.0.0', registeredAt: now.toISOString(), lastSeen: now.toISOString() });
  now = new Date('2026-11-23T12:00:15.000Z');
  const beat = await store.recordHeartbeat('ws-1', { databaseVersion: '3', freshness: 'upToDate' });
  t.equal(beat.lastSeen, now.toISOString());
  t.equal(beat.registeredAt, '2026-11-23T12:00:00.000Z');
  t.same(beat.status, { databaseVersion: '3', freshness: 'upToDate' });
  now = new Date('2026-11-23T12:00:30.000Z');
  t.same((await store.recordHeartbeat('ws-1')).status, { databaseVersion: '3', freshness: 'upToDate' }, 'a heartbeat without status keeps the last one');
  await store.upsertAgent({ name: 'dp-1', role: 'dp', os: 'windows', version: '1.0.0' });
  await store.close();
  const again = await SqliteStateStore.open(path);
  t.teardown(() => again.close());
  t.same((await again.listAgents()).map((a) => [a.name, a.role]), [['dp-1', 'dp'], ['ws-1', 'device']]);
  t.equal((await again.getAgent('ws-1'))?.lastSeen, '2026-11-23T12:00:30.000Z');
  t.equal(await again.getAgent('nobody'), undefined);
});

void t.test('a heartbeat from an agent that never registered is NOT_FOUND', async (t) => {
  const store = await SqliteStateStore.open(join(dir, 'b.db'));
  t.teardown(() => store.close());
  await t.rejects(store.recordHeartbeat('ghost', {}), { code: 'NOT_FOUND' });
});

void t.test('a result is claimed once per (run id, agent), across reopening', async (t) => {
  const path = join(dir, 'c.db');
  const store = await SqliteStateStore.open(path);
  t.equal(await store.claimAgentResult('run-1', 'ws-1'), true);
  t.equal(await store.claimAgentResult('run-1', 'ws-1'), false);
  t.equal(await store.claimAgentResult('run-1', 'ws-2'), true, 'another agent of the same run');
  await store.close();
  const again = await SqliteStateStore.open(path);
  t.teardown(() => again.close());
  t.equal(await again.claimAgentResult('run-1', 'ws-1'), false);
});
