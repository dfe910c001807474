/**
 * The decoded recorded configuration is cached per store and kept while the state's serial stays
 * (src/state/recorded-config.ts): a registration at 100,000 devices read it whole each time. An
 * apply bumps the serial, and the next read decodes what it recorded.
 */
import { join } from 'node:path';
import t from 'tap';
import { recordedConfig } from '../../src/state/index.js';
import { SqliteStateStore } from '../../src/state/sqlite/sqlite-store.js';
import { changes } from './helpers/conformance.js';
import { tempDirSync } from '../helpers/temp-dir.js';

const dir = tempDirSync(t, 'updops-recorded-');
const group = (name: string) => ({ kind: 'Group', name, spec: { apiVersion: 'updops/v1', kind: 'Group', metadata: { name }, spec: {} } });

void t.test('one decode per serial, per store', async (t) => {
  const store = await SqliteStateStore.open(join(dir, 'state.db'));
  t.teardown(() => store.close());
  let lists = 0;
  const listObjects = store.listObjects.bind(store);
  store.listObjects = (kind?: string) => (lists++, listObjects(kind));
  await store.applyChanges(changes({ upserts: [group('office')] }));

  const first = await recordedConfig(store);
  t.same([...first.model.groups.keys()], ['office']);
  const [again, concurrent] = await Promise.all([recordedConfig(store), recordedConfig(store)]);
  t.equal(again, first, 'the same decoded config while the serial stays');
  t.equal(concurrent, first);
  t.equal(lists, 1, 'the objects were read once');

  await store.applyChanges(changes({ upserts: [group('lab')] }));
  const after = await recordedConfig(store);
  t.not(after, first, 'an apply (a new serial) is decoded anew');
  t.same([...after.model.groups.keys()].sort(), ['lab', 'office']);
  t.equal(lists, 2);
  t.same([...first.model.groups.keys()], ['office'], 'what a caller held is not changed under it');

  const other = await SqliteStateStore.open(join(dir, 'other.db'));
  t.teardown(() => other.close());
  await other.applyChanges(changes({ upserts: [group('elsewhere')] }));
  t.same([...(await recordedConfig(other)).model.groups.keys()], ['elsewhere'], 'another store at the same serial has its own');
  t.same([...(await recordedConfig(store)).model.groups.keys()].sort(), ['lab', 'office']);
});
