import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import t from 'tap';
import { DEFAULT_STATE_PATH, openStateStore, resolveStatePath, specHash, stableStringify } from '../../src/state/index.js';
import { tempDirSync } from '../helpers/temp-dir.js';

const dir = tempDirSync(t, 'updops-open-');

void t.test('the state path: explicit, then UPDOPS_STATE, then .updops/state.db under the working directory', async (t) => {
  t.equal(resolveStatePath('x/s.db', { UPDOPS_STATE: 'y.db' }), resolve('x/s.db'));
  t.equal(resolveStatePath(undefined, { UPDOPS_STATE: 'y.db' }), resolve('y.db'));
  t.equal(resolveStatePath(undefined, { UPDOPS_STATE: '' }), resolve(DEFAULT_STATE_PATH));
  t.equal(resolveStatePath(undefined, {}), resolve('.updops/state.db'));
});

void t.test('openStateStore creates the folder and the database', async (t) => {
  const path = join(dir, 'nested', 'deeper', 'state.db');
  const store = await openStateStore({ path });
  t.teardown(() => store.close());
  t.ok(existsSync(path));
  t.equal(store.location, path);
  t.equal((await store.getMeta()).serial, 0);
});

void t.test('openStateStore defaults to .updops/state.db in the working directory', async (t) => {
  const cwd = process.cwd();
  const saved = process.env.UPDOPS_STATE;
  delete process.env.UPDOPS_STATE;
  process.chdir(dir);
  t.teardown(() => {
    process.chdir(cwd);
    if (saved !== undefined) process.env.UPDOPS_STATE = saved;
  });
  const store = await openStateStore();
  await store.close();
  t.ok(existsSync(join(dir, '.updops', 'state.db')));
});

void t.test('UPDOPS_STATE chooses the file', async (t) => {
  const saved = process.env.UPDOPS_STATE;
  process.env.UPDOPS_STATE = join(dir, 'env', 'chosen.db');
  t.teardown(() => {
    if (saved === undefined) delete process.env.UPDOPS_STATE;
    else process.env.UPDOPS_STATE = saved;
  });
  const store = await openStateStore();
  await store.close();
  t.ok(existsSync(join(dir, 'env', 'chosen.db')));
});

void t.test('spec hashes ignore key order and undefined members, but not values', async (t) => {
  t.equal(stableStringify({ b: [1, { d: 1, c: undefined, a: 2 }], a: null }), '{"a":null,"b":[1,{"a":2,"d":1}]}');
  t.equal(specHash({ a: 1, b: 2 }), specHash({ b: 2, a: 1 }));
  t.not(specHash({ a: 1 }), specHash({ a: '1' }));
  t.match(specHash({}), /^[0-9a-f]{64}$/);
});
