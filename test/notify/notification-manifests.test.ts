/**
 * Notification manifests: bad providers are caught by `updops validate` with file:line:col (an
 * unknown event type, a provider without the secret it needs, chat events on a commit-status
 * provider), and routing follows the severity, task and group filters (subgroups included).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { buildModel, validateConfigDir } from '../../src/manifests/index.js';
import type { NotificationSpec } from '../../src/manifests/index.js';
import { factsOf } from '../../src/notify/events.js';
import { routes } from '../../src/notify/route.js';
import type { EventRecord } from '../../src/state/index.js';
import { groupYaml, manifestYaml } from '../helpers/manifests.js';
import { runCli } from '../helpers/processes.js';
import { tempDirSync } from '../helpers/temp-dir.js';

void t.test('updops validate: bad notifications are one line each with file:line:col', async (t) => {
  const dir = tempDirSync(t);
  const config = path.join(dir, 'config');
  mkdirSync(config);
  writeFileSync(path.join(config, 'groups.yaml'), groupYaml('office', { devices: [{ name: 'ws-1', os: 'windows' }] }));
  writeFileSync(
    path.join(config, 'notifications.yaml'),
    manifestYaml('Notification', 'typo', { events: ['ReconcileFailed', 'ReconcileFialed'], provider: { type: 'webhook', url: 'http://127.0.0.1:1/x' } }) +
      manifestYaml('Notification', 'no-token', { provider: { type: 'github', repository: 'it/config' } }) +
      manifestYaml('Notification', 'chat-events-on-statuses', { events: ['RunFailed'], provider: { type: 'gitea', repository: 'it/config', url: 'http://127.0.0.1:3000/api/v1', secretRef: { env: 'GITEA_TOKEN' } } }) +
      manifestYaml('Notification', 'no-events', { provider: { type: 'slack', secretRef: { env: 'SLACK_URL' } } }) +
      manifestYaml('Notification', 'bad-mail', { events: ['RunFailed'], provider: { type: 'smtp', host: 'mail', from: 'not an address', to: ['ops@example.com'] } }),
  );
  const res = await runCli(['validate', config], { t });
  t.equal(res.code, 1);
  const lines = res.stderr.trim().split('\n');
  t.match(lines, [
    /^\S+notifications\.yaml:\d+:\d+: SCHEMA: must be one of "ReconcileFailed", .* \(at \/spec\/events\/1\)$/,
    /^\S+notifications\.yaml:\d+:\d+: SCHEMA: missing required field "secretRef" \(at \/spec\/provider\)$/,
    /^\S+notifications\.yaml:\d+:\d+: SCHEMA: must be one of "ReconcileApplied", "ReconcileFailed" \(at \/spec\/events\/0\)$/,
    /^\S+notifications\.yaml:\d+:\d+: SCHEMA: missing required field "events" \(at \/spec\)$/,
    /^\S+notifications\.yaml:\d+:\d+: SCHEMA: must be email \(at \/spec\/provider\/from\)$/,
    /^5 errors in /,
  ]);
  t.notMatch(res.stderr, /\n\s+at /, 'no stack trace');
});

void t.test('routing: severity, tasks and groups (with subgroups)', async (t) => {
  const dir = tempDirSync(t);
  writeFileSync(path.join(dir, 'groups.yaml'), groupYaml('hq', { distributionPoints: [{ name: 'dp-hq', os: 'windows', repository: '/srv/hq' }] }) + groupYaml('berlin', { parent: 'hq', devices: [{ name: 'ws-berlin', os: 'windows' }] }) + groupYaml('paris', { devices: [{ name: 'ws-paris', os: 'windows' }] }));
  const model = buildModel(validateConfigDir(dir).manifests);
  const event = (type: string, subject?: string, data?: Record<string, unknown>): ReturnType<typeof factsOf> => factsOf({ id: 1, time: '2026-01-01T00:00:00.000Z', type, message: 'x', ...(subject ? { subject } : {}), ...(data ? { data } : {}) } as EventRecord & { type: 'RunFailed' });
  const spec = (over: Partial<NotificationSpec>): NotificationSpec => ({ events: ['ReconcileApplied', 'RunFailed', 'BasesAreOutOfDate', 'ApplicationRolledBack'], provider: { type: 'webhook', url: 'http://x/' }, ...over });

  t.ok(routes(spec({}), event('ReconcileApplied'), model), 'info passes the default severity');
  t.notOk(routes(spec({ severity: 'warning' }), event('ReconcileApplied'), model), 'info is below warning');
  t.ok(routes(spec({ severity: 'warning' }), event('BasesAreOutOfDate', 'ws-paris'), model));
  t.notOk(routes(spec({ severity: 'error' }), event('BasesAreOutOfDate', 'ws-paris'), model));
  t.notOk(routes(spec({}), event('BasesAreTotallyOutOfDate', 'ws-paris'), model), 'a type not named is not sent');
  t.ok(routes(spec({ tasks: ['Download'] }), event('RunFailed', 'Download', { task: 'Download', failed: [] }), model));
  t.notOk(routes(spec({ tasks: ['Download'] }), event('RunFailed', 'Other', { task: 'Other', failed: [] }), model));
  t.ok(routes(spec({ tasks: ['Download'] }), event('ApplicationRolledBack', 'ws-paris'), model), 'an event about no task passes a task filter');
  t.ok(routes(spec({ groups: ['hq'] }), event('ApplicationRolledBack', 'ws-berlin'), model), 'a subgroup is covered by its parent');
  t.notOk(routes(spec({ groups: ['hq'] }), event('ApplicationRolledBack', 'ws-paris'), model));
  t.ok(routes(spec({ groups: ['berlin'] }), event('RunFailed', 'Download', { task: 'Download', failed: ['ws-paris', 'ws-berlin'] }), model), 'a failed run: any failed target in the group');
  t.notOk(routes(spec({ groups: ['paris'] }), event('RunFailed', 'Download', { task: 'Download', failed: ['dp-hq'] }), model));
  t.ok(routes(spec({ groups: ['paris'] }), event('ReconcileApplied', 'abc', { commit: 'abc' }), model), 'a reconcile is about no device: it passes');
});
