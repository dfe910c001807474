/** The console's pure parts: the one escaping helper, the plan's Markdown, freshness buckets, DP states and device paging. */
import t from 'tap';
import { countBuckets, dpState, freshnessBucket, html, pageDevices, renderMarkdown, trusted } from '../../src/console/index.js';
import { renderPlanMarkdown, type Plan } from '../../src/plan/index.js';
import type { DeviceStatusRow } from '../../src/status/index.js';

void t.test('html escapes every value, joins arrays, keeps nested templates, drops null/undefined/false', async (t) => {
  const name = `<script>alert("x")</script> & 'y'`;
  t.equal(html`<td title="${name}">${name}</td>`.value, '<td title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;</td>');
  t.equal(html`<ul>${['a<', 'b'].map((x) => html`<li>${x}</li>`)}</ul>`.value, '<ul><li>a&lt;</li><li>b</li></ul>');
  t.equal(html`${null}${undefined}${false}${0}${trusted('<br>')}`.value, '0<br>');
});

void t.test('the plan Markdown renders as HTML; markup in names stays text', async (t) => {
  const evil = '<img src=x onerror=alert(1)>|`x`';
  const plan = {
    formatVersion: 1,
    commit: 'abc123',
    dirty: false,
    state: { serial: 1, lineage: 'l' },
    changes: [{ action: 'update', kind: 'Task', name: evil, diff: [{ path: 'spec.schedule.kind', before: 'manual', after: 'weekly' }] }],
    actions: [],
    warnings: [{ code: 'W', message: `careful ${evil}` }],
    orphans: [],
    schedules: [],
  } as unknown as Plan;
  let markdown: string;
  try {
    markdown = renderPlanMarkdown(plan);
  } catch (error) {
    t.fail(`the test's plan does not render: ${String(error)}`);
    return;
  }
  const out = renderMarkdown(markdown).value;
  t.notMatch(out, /<img/, 'no tag from a name');
  t.match(out, '&lt;img src=x onerror=alert(1)&gt;');
  t.match(out, /<table><thead><tr><th scope="col">/);
  t.match(out, /<details><summary><code>~<\/code> Task /);
  t.match(out, /<pre class="language-diff"><code>- spec.schedule.kind: &quot;manual&quot;\n\+ spec.schedule.kind: &quot;weekly&quot;<\/code><\/pre>/);
  t.match(out, /<h2>/);
  t.equal(renderMarkdown('<b>bold</b> and <details><summary><script>x</script></summary>').value, '<p>&lt;b&gt;bold&lt;/b&gt; and &lt;details&gt;&lt;summary&gt;&lt;script&gt;x&lt;/script&gt;&lt;/summary&gt;</p>', 'other HTML is text');
});

const row = (name: string, over: Partial<DeviceStatusRow> = {}): DeviceStatusRow => ({
  name,
  group: 'g',
  os: 'windows',
  databaseVersion: null,
  published: null,
  freshness: null,
  basesMode: null,
  applicationVersion: null,
  restartRequired: null,
  lastRestart: null,
  lastResult: null,
  lastSeen: null,
  unlicensedUpdates: null,
  source: null,
  fallbackReason: null,
  sourceRun: null,
  ...over,
});

void t.test('freshness buckets and DP states', async (t) => {
  t.equal(freshnessBucket(row('a')), 'notReported');
  t.equal(freshnessBucket(row('a', { freshness: 'upToDate', basesMode: 'normal' })), 'upToDate');
  t.equal(freshnessBucket(row('a', { freshness: 'outOfDate' })), 'outOfDate');
  t.equal(freshnessBucket(row('a', { freshness: 'totallyOutOfDate' })), 'totallyOutOfDate');
  t.equal(freshnessBucket(row('a', { freshness: 'none', basesMode: 'withoutDatabases' })), 'withoutDatabases');
  t.equal(freshnessBucket(row('a', { freshness: 'none', basesMode: 'normal' })), 'totallyOutOfDate', 'no databases in normal mode is as bad as it gets');
  t.same(countBuckets([row('a'), row('b', { freshness: 'upToDate' }), row('c', { freshness: 'upToDate' })]), { upToDate: 2, outOfDate: 0, totallyOutOfDate: 0, withoutDatabases: 0, notReported: 1 });
  const failed = { runId: 'r', device: 'dp', status: 'failed' as const, files: 0, bytes: 0, durationMs: 0 };
  t.equal(dpState({ version: '1', drift: [], ageHours: 1 }, failed), 'failed');
  t.equal(dpState({ version: '1', drift: ['missing a'], ageHours: 1 }, undefined), 'drifted');
  t.equal(dpState({ version: null, drift: [], ageHours: null }, undefined), 'empty');
  t.equal(dpState({ version: '1', drift: [], ageHours: 72 }, undefined), 'stale');
  t.equal(dpState({ version: '1', drift: [], ageHours: 71 }, { ...failed, status: 'completed' }), 'current');
});

void t.test('device paging and filters', async (t) => {
  const now = new Date('2026-12-02T12:00:00Z');
  const devices = Array.from({ length: 120 }, (_, i) =>
    row(`pc-${i}`, { group: i % 2 ? 'odd' : 'even', os: i % 3 ? 'windows' : 'linux', freshness: i % 10 === 0 ? 'totallyOutOfDate' : 'upToDate', lastSeen: i < 5 ? '2026-12-02T11:30:00Z' : i < 10 ? '2026-11-01T00:00:00Z' : null }),
  );
  const first = pageDevices(devices, {}, 1, now);
  t.equal(first.rows.length, 50);
  t.equal(first.pages, 3);
  t.equal(first.rows[0]?.name, 'pc-0');
  const last = pageDevices(devices, {}, 3, now);
  t.same([last.rows.length, last.rows[0]?.name], [20, 'pc-100']);
  t.equal(pageDevices(devices, {}, 99, now).page, 3, 'a page past the end is the last page');
  t.same(pageDevices(devices, { freshness: 'totallyOutOfDate' }, 1, now).rows.map((r) => r.name), ['pc-0', 'pc-10', 'pc-20', 'pc-30', 'pc-40', 'pc-50', 'pc-60', 'pc-70', 'pc-80', 'pc-90', 'pc-100', 'pc-110']);
  t.equal(pageDevices(devices, { group: 'odd', os: 'linux' }, 1, now).matched, 20);
  t.equal(pageDevices(devices, { lastSeen: '1h' }, 1, now).matched, 5);
  t.equal(pageDevices(devices, { lastSeen: 'older' }, 1, now).matched, 5);
  t.equal(pageDevices(devices, { lastSeen: 'never' }, 1, now).matched, 110);
  t.equal(pageDevices(devices, { name: 'PC-11' }, 1, now).matched, 11, 'name filter: a case-insensitive part');
  t.same(first.groups, ['even', 'odd']);
  t.same(first.oses, ['linux', 'windows']);
});
