// Plan renderers (docs/design.md 2 "Outputs"): text for people, Markdown for PR comments, JSON for
// machines; secrets always (sensitive). Snapshots pin the layout; the assertions pin the rules.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import t from 'tap';
import { makePlan, planHasChanges } from '../../src/plan/make-plan.js';
import { renderPlan, renderPlanJson, renderPlanMarkdown, renderPlanText } from '../../src/plan/render/index.js';
import type { Plan } from '../../src/plan/types.js';
import { FRIDAY_EVENING, group, input, recorded, repository, source, task } from './fixtures/plan-inputs.js';

const SECRETS = ['FTP_CREDENTIALS_OLD', 'FTP_CREDENTIALS_NEW', 'PROXY_SECRET_FILE', 'RETIRED_SECRET'];

function richPlan(): Plan {
  const head = group('head-office');
  const berlinBefore = group('berlin-office', { parent: 'head-office', description: 'Berlin office\nfloor 2\nroom 12' });
  const berlinAfter = group('berlin-office', {
    parent: 'head-office',
    description: 'Berlin office\nfloor 3\nroom 12',
    devices: [{ name: 'ws-berlin-001', os: 'linux', labels: { floor: '3' } }],
  });
  const mirrorBefore = source('ftp-mirror', { secretRef: { env: 'FTP_CREDENTIALS_OLD' } });
  const mirrorAfter = source('ftp-mirror', { secretRef: { env: 'FTP_CREDENTIALS_NEW' } });
  const proxied = source('http-mirror', { type: 'http', url: 'https://mirror|pipe.example.com/u', proxy: { url: 'http://proxy:3128', secretRef: { file: 'PROXY_SECRET_FILE' } } });
  const munich = group('munich-office', { parent: 'head-office' });
  const download = task('Download updates for Berlin', FRIDAY_EVENING);
  const retired = source('retired-mirror', { secretRef: { env: 'RETIRED_SECRET' } });
  const oldGroup = group('old-office');
  const base = {
    desired: [berlinAfter, head, munich, mirrorAfter, proxied, download],
    recorded: [recorded(berlinBefore), recorded(head), recorded(mirrorBefore), recorded(retired), recorded(oldGroup)],
    repositories: [
      repository({ version: undefined, fingerprint: undefined }),
      repository({ dp: 'dp-berlin-2', repository: '/srv/updates/berlin-2', missing: ['targets/av-base.bin'] }),
      repository({ dp: 'dp-munich-1', probe: undefined, unreachable: [{ name: 'vendor', reachable: false, error: 'ECONNREFUSED 127.0.0.1:1' }] }),
    ],
    warnings: [{ code: 'NON_WINDOWS_DP', message: 'distribution point "dp-linux-1" is not Windows; the download task skips it', at: 'groups/berlin.yaml:9:7' }],
  };
  const kept = makePlan(input(base));
  // One plan showing both a delete (prune) and orphans (no prune), for the snapshot.
  const pruned = makePlan(input({ ...base, prune: true }));
  return { ...kept, changes: [...kept.changes, ...pruned.changes.filter((c) => c.action === 'delete' && c.name === 'retired-mirror')], orphans: kept.orphans.filter((o) => o.name !== 'retired-mirror') };
}

function quietPlan(): Plan {
  const head = group('head-office');
  return makePlan(input({ desired: [head], recorded: [recorded(head)], repositories: [repository()], warnings: [{ code: 'DP_WITHOUT_TASK', message: 'distribution point "dp-head-office" has no download task' }] }));
}

const plans = { rich: richPlan(), 'no change': quietPlan(), directory: makePlan(input({ commit: null, desired: [group('solo')] })) };

t.test('the fixtures are what they claim', async (t) => {
  const rich = plans.rich;
  t.same([...new Set(rich.changes.map((c) => c.action))].sort(), ['create', 'delete', 'update']);
  t.ok(rich.changes.some((c) => c.diff.some((d) => d.patch)), 'a multi-line patch');
  t.ok(rich.changes.some((c) => c.diff.some((d) => d.sensitive)), 'a sensitive field');
  t.ok(rich.actions.some((a) => a.action === 'sync') && rich.actions.some((a) => a.action === 'schedule'));
  t.ok(rich.orphans.length > 0 && rich.warnings.length > 1);
  t.equal(planHasChanges(plans['no change']), false);
});

for (const [name, plan] of Object.entries(plans)) {
  t.test(`${name} plan as text`, async (t) => t.matchSnapshot(renderPlanText(plan, { color: false })));
  t.test(`${name} plan as markdown`, async (t) => t.matchSnapshot(renderPlanMarkdown(plan)));
  t.test(`${name} plan as json`, async (t) => t.matchSnapshot(renderPlanJson(plan)));
}

t.test('text has the exact summary line, symbols and header', async (t) => {
  const text = renderPlanText(plans.rich, { color: false });
  t.match(text, /^Plan for commit abc1234\n/);
  t.match(text, /\nPlan: 3 to create, 2 to update, 1 to delete, 1 unchanged; 2 repositories to sync\.\n$/);
  t.match(text, /\n {2}\+ Group "munich-office"\n {6}\+ \/metadata\/name: "munich-office"\n/);
  t.match(text, /\n {2}- UpdateSource "retired-mirror"\n/);
  t.match(text, /\n {6}~ \/spec\/secretRef\/env: \(sensitive\) → \(sensitive\)\n/);
  t.match(text, /\n {6}\+ \/spec\/proxy\/secretRef: \(sensitive\)\n/, 'a secret nested in a created object');
  t.match(text, /\n {2}↻ sync dp-berlin-1 \(Download updates for Berlin\): repository is empty\n/);
  t.match(text, /\n {2}! NON_WINDOWS_DP .* \(groups\/berlin\.yaml:9:7\)\n/);
  t.match(text, /\n1 object recorded but no longer in the config is kept; run with --prune to delete it\n {2}Group "old-office"\n/);
  t.match(renderPlanText(plans['no change'], { color: false }), /\nNo changes\. Your configuration matches the recorded state\.\n$/);
  t.match(renderPlanText(plans['no change'], { color: false }), /! DP_WITHOUT_TASK/, 'warnings still shown without changes');
  t.match(renderPlanText(plans.directory, { color: false }), /^Plan for directory \(uncommitted\)\n/);
});

t.test('text has ANSI colour only when asked', async (t) => {
  const ansi = '\u001b[';
  for (const plan of Object.values(plans)) t.notOk(renderPlanText(plan, { color: false }).includes(ansi));
  const coloured = renderPlanText(plans.rich, { color: true });
  t.ok(coloured.includes(ansi), 'has colour codes');
  t.match(coloured, '\u001b[32m+\u001b[0m', 'creates in green');
  t.match(coloured, '\u001b[33m~\u001b[0m', 'updates in yellow');
  t.match(coloured, '\u001b[31m-\u001b[0m', 'deletes in red');
});

t.test('no secret reference appears in any output', async (t) => {
  for (const [name, plan] of Object.entries(plans)) {
    const outputs = [renderPlanText(plan, { color: false }), renderPlanText(plan, { color: true }), renderPlanMarkdown(plan), renderPlanJson(plan)];
    for (const out of outputs) for (const secret of SECRETS) t.notOk(out.includes(secret), `${name}: ${secret}`);
  }
  // The fixture really holds them, so the check above can fail.
  const raw = JSON.stringify(plans.rich);
  for (const secret of SECRETS) t.ok(raw.includes(secret), `the plan itself holds ${secret}`);
});

t.test('json is sensitive-redacted data with before/after "(sensitive)"', async (t) => {
  const json = JSON.parse(renderPlanJson(plans.rich)) as Plan;
  const mirror = json.changes.find((c) => c.name === 'ftp-mirror');
  t.same(mirror?.diff, [{ path: '/spec/secretRef/env', before: '(sensitive)', after: '(sensitive)', sensitive: true }]);
  const proxied = json.changes.find((c) => c.name === 'http-mirror');
  t.same((proxied?.diff[1]?.after as { proxy: unknown }).proxy, { url: 'http://proxy:3128', secretRef: '(sensitive)' });
});

const ajv = new Ajv({ allErrors: true, strict: true });
addFormats.default(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(new URL('../../schemas/plan.json', import.meta.url), 'utf8')));

t.test('json validates against schemas/plan.json', async (t) => {
  for (const [name, plan] of Object.entries(plans)) {
    const ok = validate(JSON.parse(renderPlanJson(plan)));
    t.ok(ok, name, { errors: validate.errors });
  }
});

t.test('the schema can fail: unknown keys, wrong version, bad actions', async (t) => {
  const json = () => JSON.parse(renderPlanJson(plans.rich));
  t.notOk(validate({ ...json(), formatVersion: 2 }), 'formatVersion is 1');
  t.notOk(validate({ ...json(), extra: true }), 'no unknown top-level keys');
  const badAction = json();
  badAction.actions[0].reason = 'bored';
  t.notOk(validate(badAction), 'sync reasons are an enum');
  const badChange = json();
  badChange.changes[0].diff[0].colour = 'red';
  t.notOk(validate(badChange), 'no unknown field-change keys');
});

t.test('json top-level keys start formatVersion, commit, changes, actions, warnings', async (t) => {
  const parsed = JSON.parse(renderPlanJson(plans.rich)) as Record<string, unknown>;
  t.same(Object.keys(parsed), ['formatVersion', 'commit', 'changes', 'actions', 'warnings', 'dirty', 'createdAt', 'state', 'prune', 'unchanged', 'orphans', 'schedules', 'rollout']);
  t.same(Object.keys((parsed.changes as object[])[0] ?? {}), ['action', 'kind', 'name', 'diff']);
  // The order holds whatever order the plan object had (e.g. one read back from a saved plan file).
  const shuffled = Object.fromEntries(Object.entries(plans.rich).reverse()) as unknown as Plan;
  t.equal(renderPlanJson(shuffled), renderPlanJson(plans.rich));
});

t.test('markdown is a valid GitHub comment: table rows, escaped pipes, balanced fences and details', async (t) => {
  const md = renderPlanMarkdown(plans.rich);
  t.match(md, /^### Plan: 3 to create, 2 to update, 1 to delete, 1 unchanged; 2 repositories to sync\.\n/);
  const rows = md.split('\n').filter((l) => l.startsWith('| '));
  t.equal(rows.length, 2 + plans.rich.changes.length, 'header, separator and one row per change');
  for (const row of rows) t.equal(row.replaceAll('\\|', '').split('|').length, 6, `four cells: ${row}`);
  t.equal(md.match(/<details>/g)?.length, plans.rich.changes.length);
  t.equal(md.match(/<\/details>/g)?.length, plans.rich.changes.length);
  t.equal((md.match(/^```/gm)?.length ?? 0) % 2, 0, 'fences are balanced');
  t.match(md, /```diff\n[^`]*- \/spec\/secretRef\/env: \(sensitive\)\n\+ \/spec\/secretRef\/env: \(sensitive\)\n/);
  t.match(md, /\n-floor 2\n\+floor 3\n/, 'the multi-line patch is inside the diff fence');
  t.match(renderPlanMarkdown(plans['no change']), /^### No changes\. Your configuration matches the recorded state\.\n/);
});

t.test('markdown escapes names that look like markup', async (t) => {
  const odd = makePlan(input({ desired: [group('a|b'), group('`x`'), group('<img src=x>')] }));
  const md = renderPlanMarkdown(odd);
  for (const row of md.split('\n').filter((l) => l.startsWith('| '))) t.equal(row.replaceAll('\\|', '').split('|').length, 6, row);
  const outsideCode = md.replace(/^```diff\n[\s\S]*?^```$/gm, '').replace(/(`+)[\s\S]*?\1/g, '');
  t.notOk(outsideCode.includes('<img'), 'a name is raw HTML only inside code, where it is literal');
  t.match(md, '<summary><code>+</code> Group &quot;&lt;img src=x&gt;&quot;</summary>', 'HTML-escaped in <summary>');
  t.match(md, '`` `x` ``');
});

t.test('renderPlan picks the format; every format ends with one newline', async (t) => {
  const plan = plans.rich;
  t.equal(renderPlan(plan, 'text', { color: false }), renderPlanText(plan, { color: false }));
  t.equal(renderPlan(plan, 'text'), renderPlanText(plan, { color: false }), 'no colour by default');
  t.equal(renderPlan(plan, 'markdown', { color: true }), renderPlanMarkdown(plan));
  t.equal(renderPlan(plan, 'json', { color: true }), renderPlanJson(plan));
  for (const format of ['text', 'markdown', 'json'] as const) t.match(renderPlan(plan, format), /[^\n]\n$/);
});
