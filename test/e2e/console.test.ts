/**
 * The web console in a real browser (issue 18): Debian's headless Chromium through playwright-core
 * against a real `updops controller` on 127.0.0.1 with demo-like data — a Windows and a Linux DP,
 * devices reporting fresh, totally out-of-date and without-databases through the agents' API, a
 * download task run from the console, then a broken commit so the reconcile fails.
 *
 * - run now without the token is refused (401, nothing started); after logging in with it, it starts
 *   the run and the run page shows the Linux DP failed with the seed's reason; retry failed runs
 *   only that DP again — all with JavaScript off;
 * - the overview shows the failed reconcile's error, and the totally-out-of-date device counted, in red;
 * - every page renders, has no CSP violation, and axe-core finds no serious or critical violation;
 *   a PNG screenshot of each is saved under .tap/screenshots/console/.
 */
import path from 'node:path';
import t from 'tap';
import type { Page } from 'playwright-core';
import { NON_WINDOWS_REASON } from '../../src/runs/index.js';
import { makeFixture, sourceYaml } from '../controller/helpers/fixture.js';
import { groupYaml, taskYaml } from '../helpers/manifests.js';
import { noBrowserReason, openBrowser, screenshot, screenshotDir, seriousViolations } from '../helpers/browser.js';
import { startCli } from '../helpers/processes.js';
import { until } from '../helpers/wait.js';

const LISTENING = /controller listening on (http:\/\/[^\s"]+)/;
const TOKEN = 'console-token-0123456789abcdef';
const DOWNLOAD = 'Download to DPs';
const skip = noBrowserReason();

async function api(url: string, rel: string, body?: unknown): Promise<Response> {
  return fetch(`${url}${rel}`, body === undefined ? {} : { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** The page's getComputedStyle, typed by hand: the tests are compiled without the DOM's types (and a function sent to the page takes nothing along). */
type Styled = { getComputedStyle(e: unknown): { color: string; outlineStyle: string } };

const days = (n: number): string => new Date(Date.now() - n * 86_400_000).toISOString();

/** A device's agent: registered, then one heartbeat with its databases' state. */
async function report(url: string, name: string, status: Record<string, unknown>): Promise<void> {
  const reg = await api(url, '/api/agents/register', { name, version: '1.0.0', role: 'device', os: 'windows' });
  if (!reg.ok) throw new Error(`register ${name}: ${reg.status} ${await reg.text()}`);
  const beat = await api(url, `/api/agents/${name}/heartbeat`, { status });
  if (!beat.ok) throw new Error(`heartbeat ${name}: ${beat.status} ${await beat.text()}`);
}

void t.test('the console in Chromium: actions behind the token, a failed Linux DP, a failed reconcile, every page accessible', { skip: skip ?? false }, async (t) => {
  const fx = await makeFixture(t);
  const repo = (dp: string): string => fx.repo(dp);
  fx.write(
    'groups.yaml',
    groupYaml('hq', {
      distributionPoints: [
        { name: 'dp-win', os: 'windows', repository: repo('dp-win') },
        { name: 'dp-linux', os: 'linux', repository: repo('dp-linux') },
      ],
      devices: [{ name: 'pc-fresh' }, { name: 'pc-old', license: { expires: '2027-06-30' } }, { name: 'srv-lin', os: 'linux' }],
    }) + groupYaml('branch', { parent: 'hq', devices: [{ name: 'pc-branch' }] }),
  );
  fx.write('sources.yaml', sourceYaml('vendor', fx.vendorUrl));
  fx.write(
    'tasks.yaml',
    taskYaml(DOWNLOAD, { scope: { group: 'hq' } }) +
      taskYaml('Update devices', { type: 'Update', scope: { group: 'hq', includeSubgroups: true }, schedule: { kind: 'daysOfWeek', days: ['monday', 'wednesday', 'friday'], time: '03:00', timeZone: 'Europe/Berlin' }, randomDelay: { minutes: 30 } }),
  );
  fx.commit('demo-like fleet');
  const state = path.join(fx.dir, 'controller.db');
  const running = await startCli(t, ['controller', '--config', fx.config, '--state', state, '--listen', '127.0.0.1:0', '--poll', '1s'], { line: LISTENING, cwd: fx.dir, env: { UPDOPS_TOKEN: TOKEN } });
  const url = running.ready[1]!;
  await until('the first reconcile', async () => ((await (await api(url, '/api/status')).json()) as { reconcile?: { condition: string } }).reconcile?.condition === 'Ready').catch(async (e: unknown) => {
    throw new Error(`${String(e)}: ${JSON.stringify(((await (await api(url, '/api/status')).json()) as { reconcile?: unknown }).reconcile)}`);
  });
  await report(url, 'pc-fresh', { databaseVersion: '42', published: days(0.5), freshness: 'upToDate', applicationVersion: '12.1.0', restartRequired: false });
  await report(url, 'pc-old', { databaseVersion: '17', published: days(20), freshness: 'totallyOutOfDate', applicationVersion: '11.0.0', restartRequired: true });
  await report(url, 'srv-lin', { databaseVersion: null, published: null, freshness: 'none', basesMode: 'withoutDatabases', applicationVersion: '12.1.0', restartRequired: false });

  const shots = screenshotDir('console');
  const checked: string[] = [];
  let runPage = '';
  /** Every page: no CSP report, no serious/critical axe violation, a screenshot. */
  const review = async (page: Page, name: string): Promise<void> => {
    t.same(await seriousViolations(page), [], `${name}: axe finds no serious or critical violation`);
    await screenshot(page, shots, name);
    checked.push(name);
  };

  await t.test('with JavaScript off: run now is refused without the token, works after logging in; the run page shows the Linux DP failed and why', async (t) => {
    const context = await openBrowser(t, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${url}/tasks`);
    t.match(await page.locator('h1').textContent(), 'Tasks');
    t.match(await page.locator('main').textContent(), /Actions need the API token/);
    const refused = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: `Run "${DOWNLOAD}" now` }).click()]);
    t.equal(refused[0]?.status(), 401, 'without the token the action is refused');
    t.match(await page.locator('main').textContent(), /actions need the API token: log in first/);
    t.same(((await (await api(url, `/api/runs?task=${encodeURIComponent(DOWNLOAD)}`)).json()) as { runs: unknown[] }).runs, [], 'nothing was started');

    // A forged form from elsewhere: the session cookie alone is not enough (SameSite aside, no CSRF field).
    await page.goto(`${url}/login?next=%2Ftasks`);
    await page.getByLabel('API token').fill('not-the-token');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Log in' }).click()]);
    t.match(await page.locator('[role=alert]').textContent(), 'not the controller’s API token');
    await page.getByLabel('API token').fill(TOKEN);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Log in' }).click()]);
    t.match(page.url(), /\/tasks$/, 'back where the login started');
    const cookies = await context.cookies();
    t.match(cookies.find((c) => c.name === 'updops_console'), { httpOnly: true, sameSite: 'Strict' }, 'the session cookie is HttpOnly and SameSite=Strict');
    t.notMatch(JSON.stringify(cookies), TOKEN, 'the token itself is not in the cookie');
    const csrfless = await context.request.post(`${url}/tasks/${encodeURIComponent(DOWNLOAD)}/run`, { form: { x: '1' } });
    t.equal(csrfless.status(), 403, 'a cookie without the form’s CSRF field is refused');

    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: `Run "${DOWNLOAD}" now` }).click()]);
    t.match(page.url(), /\/runs\/[A-Za-z0-9_-]+\?done=started$/);
    t.match(await page.locator('[role=status]').textContent(), 'Run started');
    const runUrl = page.url().split('?')[0] ?? '';
    await until('the run to finish', async () => {
      await page.goto(runUrl);
      return !/running|pending/.test((await page.locator('dl.facts dd').first().textContent()) ?? '');
    });
    const linux = page.locator('table[aria-label="Per-target results"] tr', { hasText: 'dp-linux' });
    t.match(await linux.textContent(), 'failed');
    t.match(await linux.textContent(), NON_WINDOWS_REASON, 'the failed Linux DP shows its reason');
    const win = (await page.locator('table[aria-label="Per-target results"] tr', { hasText: 'dp-win' }).textContent()) ?? '';
    t.match(win, 'completed');
    t.match(win, /completed.*vendor/s, 'the run page names the source that served the DP');
    runPage = runUrl;

    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Retry 1 failed target' }).click()]);
    t.match(page.url(), /\/runs\/[A-Za-z0-9_-]+\?done=started$/, 'retry failed starts a run');
    t.not(page.url().split('?')[0], runUrl, 'a new run');
    const retryUrl = page.url().split('?')[0] ?? '';
    await until('the retry to finish', async () => {
      await page.goto(retryUrl);
      return !/running|pending/.test((await page.locator('dl.facts dd').first().textContent()) ?? '');
    });
    t.same(await page.locator('table[aria-label="Per-target results"] tbody th').allTextContents(), ['dp-linux'], 'only the failed target is retried');
  });

  fx.write('tasks-broken.yaml', taskYaml('Broken', { scope: { group: 'nowhere' }, schedule: { kind: 'everyDays', every: 0 } }));
  fx.commit('a broken task');
  await until('the reconcile to fail', async () => ((await (await api(url, '/api/status')).json()) as { reconcile?: { condition: string } }).reconcile?.condition === 'Failed', 20_000);

  await t.test('every page, with JavaScript on', async (t) => {
    const context = await openBrowser(t);
    const page = await context.newPage();
    const cspReports: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspReports.push(m.text());
    });
    const status = ((await (await api(url, '/api/status')).json()) as { reconcile: { message: string } }).reconcile;

    await page.goto(url);
    t.match(await page.locator('#reconcile-h').textContent(), 'Reconcile: Failed');
    t.equal(await page.locator('#reconcile-error').textContent(), status.message, 'the failed reconcile shows its error');
    t.match(status.message, /\S/);
    const red = page.locator('ul[aria-label="Devices by freshness"] li.bad');
    t.match(await red.textContent(), /^1\s*Totally out of date$/, 'the totally-out-of-date device is counted, in red');
    t.equal(await red.evaluate((el) => (globalThis as unknown as Styled).getComputedStyle(el).color), 'rgb(164, 14, 38)', 'red text');
    t.match(await page.locator('ul[aria-label="Devices by freshness"] li.ok').textContent(), /^1\s*Up to date$/);
    t.match(await page.locator('ul[aria-label="Distribution points by state"]').textContent(), /1\s*failed/);
    t.match(await page.locator('ul[aria-label="Runs by status"]').textContent(), /2\s*failed/);
    t.not(await page.locator('time').first().textContent(), null);
    t.notMatch(await page.locator('main time').first().textContent(), / UTC$/, 'console.js shows times in the viewer’s zone');
    t.match(await page.locator('main time').first().getAttribute('title'), /Z \(UTC\)/, 'the UTC value stays in the tooltip');
    await review(page, 'overview');

    await page.getByRole('link', { name: /Totally out of date/ }).click();
    t.match(page.url(), /\/devices\?freshness=totallyOutOfDate$/);
    t.match(await page.locator('#devices-count').textContent(), /^1 device matches/);
    t.match(await page.locator('table[aria-label=Devices] tbody').textContent(), 'pc-old');
    await page.goto(`${url}/devices`);
    t.match(await page.locator('#devices-count').textContent(), /^4 devices match/);
    await page.getByLabel('OS').selectOption('linux');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Filter' }).click()]);
    t.match(await page.locator('#devices-count').textContent(), /^1 device matches/);
    t.match(await page.locator('table[aria-label=Devices] tbody').textContent(), /srv-lin.*Without databases/s);
    await page.goto(`${url}/devices`);
    await review(page, 'devices');

    await page.goto(`${url}/devices/pc-old`);
    t.match(await page.locator('h1').textContent(), 'Device pc-old');
    const facts = (await page.locator('dl.facts').textContent()) ?? '';
    t.match(facts, /Totally out of date/);
    t.match(facts, /v17/);
    t.match(facts, /expires 2027-06-30/);
    t.match(facts, /Restart required\s*yes/);
    await review(page, 'device');

    await page.goto(`${url}/groups`);
    t.match(await page.locator('main').textContent(), /dp-linux.*failed/s);
    t.match(await page.locator('#group-branch h3').textContent(), 'branch', 'a subgroup is a level below its parent');
    await review(page, 'groups');

    await page.goto(`${url}/tasks`);
    const update = (await page.locator('section', { has: page.locator('h2', { hasText: 'Update devices' }) }).textContent()) ?? '';
    t.match(update, /at 03:00 \(Europe\/Berlin\)/, 'the schedule in words, with its zone');
    t.match(update, /(Mon|Wed|Fri) .*03:00 Europe\/Berlin/, 'each next start also in the schedule’s zone');
    t.match(update, /within 30 min/);
    t.match(update, /Next starts/);
    await review(page, 'tasks');

    await page.goto(runPage);
    t.match(await page.locator('#run-reason').textContent(), /dp-linux|failed/, 'the run says why it failed');
    await review(page, 'run');

    await page.goto(`${url}/runs`);
    t.match(await page.locator('table[aria-label=Runs]').textContent(), new RegExp(`${DOWNLOAD}.*failed`, 's'));
    await review(page, 'runs');

    await page.goto(`${url}/events`);
    await page.getByLabel('Type').fill('RunFailed');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Filter' }).click()]);
    t.match(await page.locator('table[aria-label=Events] tbody').textContent(), 'RunFailed');
    t.notMatch(await page.locator('table[aria-label=Events] tbody').textContent(), 'ReconcileApplied', 'the filter holds');
    await page.goto(`${url}/events`);
    await review(page, 'events');

    await page.goto(`${url}/rollouts`);
    t.match(await page.locator('main').textContent(), /No rollouts applied.*No download task verifies its releases/s, 'the rollouts page says there are none');
    await review(page, 'rollouts');

    await page.goto(`${url}/plan`);
    t.match(await page.locator('.markdown').textContent(), DOWNLOAD, 'the last applied plan, rendered');
    t.ok(await page.locator('.markdown table').count(), 'its changes table is a table');
    await review(page, 'plan');

    await page.goto(`${url}/login`);
    await review(page, 'login');

    t.same(cspReports, [], 'no page broke its CSP');
    const keyboard = await page.goto(url);
    t.equal(keyboard?.headers()['content-security-policy']?.includes("default-src 'none'"), true);
    await page.keyboard.press('Tab');
    t.equal(await page.locator(':focus').textContent(), 'Skip to content', 'the first Tab reaches the skip link');
    t.not(await page.locator(':focus').evaluate((el) => (globalThis as unknown as Styled).getComputedStyle(el).outlineStyle), 'none', 'focus is visible');
  });

  const json = await api(url, '/api/status');
  t.equal(json.status, 200, 'the API still answers beside the console');
  t.equal((await fetch(`${url}/dashboard`)).status, 200, 'the old dashboard is still served');
  t.same(checked.sort(), ['device', 'devices', 'events', 'groups', 'login', 'overview', 'plan', 'rollouts', 'run', 'runs', 'tasks']);
});
