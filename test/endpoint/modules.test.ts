/**
 * Application modules (seed 000 "Updating application modules"): downloadOnly keeps the files
 * without installing; downloadAndInstall installs whether the application runs or not,
 * migrates settings with the module's declared migrations and carries the log over, resets to
 * defaults when a migration fails, refuses settings changes until the restart, and rolls back
 * (version and settings) when the health check fails after the restart.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import t from 'tap';
import type { Test } from 'tap';
import { FileApplication } from '../../src/endpoint/app/index.js';
import { SETTINGS_NOT_SAVED_REASON, changeSettings, restartApplication, runUpdateTask } from '../../src/endpoint/index.js';
import type { SettingsMigration, UpdateRunInput } from '../../src/endpoint/index.js';
import type { Content } from './helpers/vendor.js';
import { blob, databases, makeVendor, tempDir } from './helpers/vendor.js';

const defaults = { scan: { level: 'recommended' }, firewall: 'iptables' };

function release(version: string, migrations: SettingsMigration[] = []): Content {
  return {
    ...databases(1),
    'modules/kes/VERSION': `${version}\n`,
    'modules/kes/bin/kes.bin': blob(40_000, Number(version.replace('.', ''))),
    'modules/kes/module.json': JSON.stringify({ defaultSettings: defaults, migrations }),
  };
}

async function setup(t: Test, first: Content) {
  const work = await tempDir(t, 'updops-upd-mod-');
  const vendor = await makeVendor(t, work, first);
  const root = path.join(work, 'device');
  const app = new FileApplication({ dir: path.join(root, 'app') });
  const input = (over: Partial<UpdateRunInput> = {}): UpdateRunInput => ({
    root,
    device: { name: 'ws', license: { expires: '2999-01-01' } },
    sources: [{ url: vendor.url }],
    settings: { applicationUpdateMode: 'downloadAndInstall' },
    now: new Date(),
    trustRoot: vendor.trustRoot,
    app,
    ...over,
  });
  return { vendor, root, app, input };
}

void t.test('downloadOnly fetches the module into modules-downloads/<version>/ and installs nothing', async (t) => {
  const { root, input } = await setup(t, release('12.0'));
  const result = await runUpdateTask(input({ settings: {}, app: undefined }));
  t.equal(result.status, 'completed', result.reason ?? '');
  t.equal(result.downloadedModule, '12.0');
  t.equal(result.applicationVersion, undefined);
  t.same((await readdir(path.join(root, 'modules-downloads', '12.0'))).sort(), ['bin', 'module.json']);
  t.same(await readdir(path.join(root, 'app')).catch(() => []), [], 'nothing installed');
  const disabled = await runUpdateTask(input({ settings: { applicationUpdateMode: 'disabled' }, app: undefined }));
  t.equal(disabled.downloadedModule, '12.0', 'disabled leaves modules alone (the earlier download stays recorded)');
});

void t.test('install while stopped, migrate while running, refuse settings until the restart, reset on a failing migration', async (t) => {
  const { vendor, app, input } = await setup(t, release('12.0'));
  const first = await runUpdateTask(input());
  t.equal(first.status, 'completed', first.reason ?? '');
  t.equal(await app.currentVersion(), '12.0', 'installed while the application was stopped');
  t.equal(await app.isRunning(), false, 'and it stays stopped');
  t.equal(first.restartRequired, false);
  t.same(await app.readSettings(), defaults, 'a first install starts from the module defaults');

  await app.start();
  await app.writeSettings({ scan: { level: 'high' }, legacyRules: true, obsolete: 1 });
  await app.log('line written by 12.0');
  await vendor.publish(release('12.1', [{ from: '12.0', to: '12.1', rename: { legacyRules: 'firewall.legacy' }, set: { 'scan.mode': 'fast' }, remove: ['obsolete'] }]));
  const second = await runUpdateTask(input({ restartAfterInstall: false }));
  t.equal(second.status, 'completed', second.reason ?? '');
  t.equal(second.restartRequired, true, 'seed: the application needs to be restarted');
  t.equal(await app.currentVersion(), '12.1');
  t.equal(await app.runningVersion(), '12.0', 'installed while running; the old version keeps running');
  t.same(await app.readSettings(), { scan: { level: 'high', mode: 'fast' }, firewall: { legacy: true } }, 'settings migrated in order');
  const log = await readFile(path.join(app.versionDir('12.1'), 'app.log'), 'utf8');
  t.match(log, /line written by 12\.0/, 'the log is carried over to the new version');
  t.same(second.events.map((e) => e.type), ['ApplicationUpdated']);

  const refused = await changeSettings({ root: input().root, app, settings: { scan: { level: 'low' } } });
  t.equal(refused.accepted, false);
  t.match(refused, { reason: new RegExp(`^${SETTINGS_NOT_SAVED_REASON}`) });
  t.same((await app.readSettings()).scan, { level: 'high', mode: 'fast' }, 'not saved');

  const restarted = await restartApplication({ root: input().root, app, settings: { healthCheck: { command: 'exit 0' } } });
  t.same(restarted, { status: 'completed', applicationVersion: '12.1', events: [] });
  t.equal(await app.runningVersion(), '12.1');
  t.same(await changeSettings({ root: input().root, app, settings: { scan: { level: 'low' } } }), { accepted: true }, 'accepted after the restart');

  await vendor.publish(release('12.2', [{ from: '12.1', to: '12.2', rename: { 'no.such.key': 'x' } }]));
  const third = await runUpdateTask(input({ restartAfterInstall: false }));
  t.equal(third.status, 'completed');
  t.same(third.events.map((e) => e.type), ['SettingsResetToDefaults', 'ApplicationUpdated']);
  t.same(await app.readSettings(), defaults, 'seed: set to the default values');
});

void t.test('a failing health check rolls back to the previous version and settings; a passing one keeps the new version', async (t) => {
  const { vendor, app, input } = await setup(t, release('12.0'));
  await runUpdateTask(input());
  await app.start();
  await app.writeSettings({ scan: { level: 'paranoid' } });
  await vendor.publish(release('12.1', [{ from: '12.0', to: '12.1', set: { migrated: true } }]));

  const bad = await runUpdateTask(input({ settings: { applicationUpdateMode: 'downloadAndInstall', healthCheck: { command: 'exit 1', timeoutSeconds: 10 } } }));
  t.equal(bad.status, 'failed');
  t.equal(bad.code, 'APPLICATION');
  t.match(bad.reason, /rolled back to 12\.0/);
  t.same(bad.events.map((e) => e.type), ['ApplicationUpdated', 'ApplicationRolledBack']);
  t.equal(await app.currentVersion(), '12.0', 'previous version');
  t.equal(await app.runningVersion(), '12.0', 'and running again');
  t.same(await app.readSettings(), { scan: { level: 'paranoid' } }, 'previous settings');
  t.equal(bad.applicationVersion, '12.0');
  t.equal(bad.restartRequired, false);

  const hang = await runUpdateTask(input({ settings: { applicationUpdateMode: 'downloadAndInstall', healthCheck: { command: 'sleep 30', timeoutSeconds: 1 } } }));
  t.equal(hang.status, 'failed', 'a health check that does not answer in time counts as unhealthy');
  t.equal(await app.currentVersion(), '12.0');

  const good = await runUpdateTask(input({ settings: { applicationUpdateMode: 'downloadAndInstall', healthCheck: { command: 'test "$UPDOPS_APP_VERSION" = 12.1', timeoutSeconds: 10 } } }));
  t.equal(good.status, 'completed', good.reason ?? '');
  t.equal(await app.currentVersion(), '12.1');
  t.equal(await app.runningVersion(), '12.1');
  t.same(await app.readSettings(), { scan: { level: 'paranoid' }, migrated: true });
  t.equal(good.restartRequired, false);
});
