// Field-level diffs of normalized specs (docs/design.md 2: "update (field-level diff; multi-line values
// as unified diffs)"; "Secrets are always shown as (sensitive)").
import t from 'tap';
import { fieldDiff } from '../../src/plan/field-diff.js';
import type { FieldChange } from '../../src/plan/types.js';

const dp = (name: string, os = 'windows') => ({ name, os, repository: `/srv/${name}` });

const cases: { name: string; before: unknown; after: unknown; diff: FieldChange[] }[] = [
  {
    name: 'a scalar change is one change with both values',
    before: { spec: { schedule: { kind: 'weekly', time: '18:00:00' } } },
    after: { spec: { schedule: { kind: 'weekly', time: '19:00:00' } } },
    diff: [{ path: '/spec/schedule/time', before: '18:00:00', after: '19:00:00' }],
  },
  {
    name: 'an added key has only an after value',
    before: { spec: {} },
    after: { spec: { parent: 'head-office' } },
    diff: [{ path: '/spec/parent', after: 'head-office' }],
  },
  {
    name: 'a removed key has only a before value',
    before: { spec: { parent: 'head-office', description: 'x' } },
    after: { spec: { description: 'x' } },
    diff: [{ path: '/spec/parent', before: 'head-office' }],
  },
  {
    name: 'nested changes are reported at their deepest path, keys sorted',
    before: { spec: { settings: { sources: ['vendor'], legacyScheme: false }, runMissed: false } },
    after: { spec: { settings: { sources: ['vendor'], legacyScheme: true }, runMissed: true } },
    diff: [
      { path: '/spec/runMissed', before: false, after: true },
      { path: '/spec/settings/legacyScheme', before: false, after: true },
    ],
  },
  {
    name: 'a device added to a named list is one change at [name]',
    before: { spec: { devices: [{ name: 'ws-1', os: 'linux' }, { name: 'ws-3', os: 'linux' }] } },
    after: { spec: { devices: [{ name: 'ws-1', os: 'linux' }, { name: 'ws-2', os: 'windows' }, { name: 'ws-3', os: 'linux' }] } },
    diff: [{ path: '/spec/devices[ws-2]', after: { name: 'ws-2', os: 'windows' } }],
  },
  {
    name: 'the first device added to an empty list is one change at [name]',
    before: { spec: { devices: [] } },
    after: { spec: { devices: [{ name: 'ws-1', os: 'linux' }] } },
    diff: [{ path: '/spec/devices[ws-1]', after: { name: 'ws-1', os: 'linux' } }],
  },
  {
    name: 'a device removed from a named list is one change at [name]',
    before: { spec: { devices: [{ name: 'ws-1' }, { name: 'ws-2' }] } },
    after: { spec: { devices: [{ name: 'ws-2' }] } },
    diff: [{ path: '/spec/devices[ws-1]', before: { name: 'ws-1' } }],
  },
  {
    name: "a DP's os change is addressed by the DP's name",
    before: { spec: { distributionPoints: [dp('dp-0'), dp('dp-1')] } },
    after: { spec: { distributionPoints: [dp('dp-0'), dp('dp-1', 'linux')] } },
    diff: [{ path: '/spec/distributionPoints[dp-1]/os', before: 'windows', after: 'linux' }],
  },
  {
    name: 'a reordered named list is one change of the whole list',
    before: { spec: { distributionPoints: [dp('dp-0'), dp('dp-1')] } },
    after: { spec: { distributionPoints: [dp('dp-1'), dp('dp-0')] } },
    diff: [{ path: '/spec/distributionPoints', before: [dp('dp-0'), dp('dp-1')], after: [dp('dp-1'), dp('dp-0')] }],
  },
  {
    name: 'a plain list change is one change of the whole list',
    before: { spec: { settings: { sources: ['vendor'] } } },
    after: { spec: { settings: { sources: ['vendor', 'ftp-mirror'] } } },
    diff: [{ path: '/spec/settings/sources', before: ['vendor'], after: ['vendor', 'ftp-mirror'] }],
  },
  {
    name: 'a secretRef change is sensitive',
    before: { spec: { url: 'ftp://m', secretRef: { env: 'OLD_CREDENTIALS' } } },
    after: { spec: { url: 'ftp://m', secretRef: { env: 'NEW_CREDENTIALS' } } },
    diff: [{ path: '/spec/secretRef/env', before: 'OLD_CREDENTIALS', after: 'NEW_CREDENTIALS', sensitive: true }],
  },
  {
    name: 'a secretRef added as a whole is sensitive',
    before: { spec: { proxy: { url: 'http://p' } } },
    after: { spec: { proxy: { url: 'http://p', secretRef: { file: '/run/secrets/proxy' } } } },
    diff: [{ path: '/spec/proxy/secretRef', after: { file: '/run/secrets/proxy' }, sensitive: true }],
  },
  {
    name: 'a label key with a slash is escaped as one pointer segment',
    before: { spec: { labels: { 'app/tier': 'a' } } },
    after: { spec: { labels: { 'app/tier': 'b' } } },
    diff: [{ path: '/spec/labels/app~1tier', before: 'a', after: 'b' }],
  },
  {
    name: 'equal specs have no changes',
    before: { spec: { devices: [{ name: 'ws-1', os: 'linux' }] } },
    after: { spec: { devices: [{ name: 'ws-1', os: 'linux' }] } },
    diff: [],
  },
  {
    name: 'key order is never a change (the store sorts keys)',
    before: { spec: { devices: [{ os: 'linux', name: 'ws-1' }], schedule: { time: '18:00', kind: 'weekly' } } },
    after: { spec: { schedule: { kind: 'weekly', time: '18:00' }, devices: [{ name: 'ws-1', os: 'linux' }] } },
    diff: [],
  },
  {
    name: 'a create lists every top-level field with its after value',
    before: undefined,
    after: { metadata: { name: 'berlin-office' }, spec: { parent: 'head-office' } },
    diff: [
      { path: '/metadata', after: { name: 'berlin-office' } },
      { path: '/spec', after: { parent: 'head-office' } },
    ],
  },
  {
    name: 'a delete lists every top-level field with its before value',
    before: { metadata: { name: 'old' }, spec: { url: 'ftp://m' } },
    after: undefined,
    diff: [
      { path: '/metadata', before: { name: 'old' } },
      { path: '/spec', before: { url: 'ftp://m' } },
    ],
  },
];

for (const c of cases) {
  t.test(c.name, async (t) => t.same(fieldDiff(c.before, c.after), c.diff));
}

t.test('a multi-line string change carries a unified diff patch', async (t) => {
  const before = { spec: { description: 'Berlin office\nfloor 2\nroom 12\n' } };
  const after = { spec: { description: 'Berlin office\nfloor 3\nroom 12\n' } };
  const [change, ...rest] = fieldDiff(before, after);
  t.same(rest, []);
  t.equal(change?.path, '/spec/description');
  t.equal(change?.before, before.spec.description);
  t.equal(change?.after, after.spec.description);
  const lines = change?.patch?.split('\n') ?? [];
  t.ok(lines.includes('-floor 2'), 'the old line is removed');
  t.ok(lines.includes('+floor 3'), 'the new line is added');
  t.ok(lines.includes(' Berlin office'), 'unchanged lines are context');
  t.notOk(lines.some((l) => l.startsWith('Index:') || l.startsWith('====')), 'no Index header');
});

t.test('a string becoming multi-line gets a patch; single-line strings do not', async (t) => {
  const [multi] = fieldDiff({ spec: { d: 'one' } }, { spec: { d: 'one\ntwo' } });
  t.match(multi?.patch, /\+two/);
  const [single] = fieldDiff({ spec: { d: 'one' } }, { spec: { d: 'two' } });
  t.equal(single?.patch, undefined);
});

t.test('a multi-line secret is sensitive and has no patch that could show it', async (t) => {
  const [change] = fieldDiff({ spec: { secretRef: { file: 'a\nb' } } }, { spec: { secretRef: { file: 'a\nc' } } });
  t.equal(change?.sensitive, true);
  t.equal(change?.patch, undefined);
});
