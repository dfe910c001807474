/** Declared settings migrations (docs/repository-format.md "Application modules"): a pure table. */
import t from 'tap';
import { migrateSettings, parseMigrations } from '../../src/endpoint/index.js';
import type { SettingsMigration } from '../../src/endpoint/index.js';

const chain: SettingsMigration[] = [
  { from: '12.0', to: '12.1', rename: { a: 'b.c' } },
  { from: '12.1', to: '12.2', set: { 'b.d': 2 }, remove: ['gone'] },
];

void t.test('migrateSettings', async (t) => {
  const table: { name: string; settings: unknown; from: string | undefined; to: string; want: unknown }[] = [
    { name: 'a chain, in order', settings: { a: 1, gone: true }, from: '12.0', to: '12.2', want: { b: { c: 1, d: 2 } } },
    { name: 'starts mid-chain', settings: { gone: 1 }, from: '12.1', to: '12.2', want: { b: { d: 2 } } },
    { name: 'no step from the version: unchanged', settings: { x: 1 }, from: '11.0', to: '12.2', want: { x: 1 } },
    { name: 'same version: unchanged', settings: { x: 1 }, from: '12.2', to: '12.2', want: { x: 1 } },
    { name: 'rename of a missing key fails', settings: { x: 1 }, from: '12.0', to: '12.2', want: false },
    { name: 'rename onto an existing key fails', settings: { a: 1, b: { c: 0 } }, from: '12.0', to: '12.1', want: false },
    { name: 'a chain that stops short fails', settings: { a: 1 }, from: '12.0', to: '13.0', want: false },
    { name: 'settings not an object fail', settings: [1], from: '12.0', to: '12.1', want: false },
    { name: 'a set through a non-object fails', settings: { a: 1, b: 5 }, from: '12.0', to: '12.1', want: false },
  ];
  for (const row of table) {
    const out = migrateSettings(row.settings, row.from, row.to, chain);
    if (row.want === false) t.equal(out.ok, false, row.name);
    else t.same(out.ok ? out.settings : out.reason, row.want, row.name);
  }
  const input = { a: 1 };
  migrateSettings(input, '12.0', '12.1', chain);
  t.same(input, { a: 1 }, 'the input is not modified');
});

void t.test('parseMigrations refuses malformed steps', async (t) => {
  t.same(parseMigrations(undefined), { ok: true, migrations: [] });
  t.equal(parseMigrations(chain).ok, true);
  for (const bad of [{}, [1], [{ from: '1' }], [{ from: '1', to: '2', rename: { a: 1 } }], [{ from: '1', to: '2', delete: [] }], [{ from: '1', to: '2', remove: 'a' }]]) {
    t.equal(parseMigrations(bad).ok, false, JSON.stringify(bad));
  }
});
