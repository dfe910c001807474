/**
 * A fleet for bench/scale.ts: N devices in groups of 100 under one root group, one vendor source
 * (nothing listens on its port: nothing here leaves 127.0.0.1) and one manual `Update` task over
 * the whole fleet, committed to a git repository as a controller follows it. Devices are named
 * `dev-<i>`; the task is `update-fleet`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const FLEET_TASK = 'update-fleet';
export const PER_GROUP = 100;
export const deviceName = (i: number): string => `dev-${i}`;

export function writeFleetConfig(dir: string, devices: number, deadPort: number): { groups: number } {
  mkdirSync(path.join(dir, 'groups'), { recursive: true });
  const groups = Math.ceil(devices / PER_GROUP);
  const docs = ['apiVersion: updops/v1\nkind: Group\nmetadata: {name: fleet}\nspec: {description: every bench device}'];
  let file = 0;
  const flush = (): void => {
    writeFileSync(path.join(dir, 'groups', `groups-${file++}.yaml`), `${docs.join('\n---\n')}\n`);
    docs.length = 0;
  };
  for (let g = 0; g < groups; g++) {
    const lines = [`apiVersion: updops/v1\nkind: Group\nmetadata: {name: site-${g}, labels: {region: r${g % 10}}}\nspec:\n  parent: fleet\n  devices:`];
    for (let i = g * PER_GROUP; i < Math.min(devices, (g + 1) * PER_GROUP); i++) {
      lines.push(`    - {name: ${deviceName(i)}, os: ${i % 5 === 0 ? 'linux' : 'windows'}, license: {expires: 2099-12-31}}`);
    }
    docs.push(lines.join('\n'));
    if (docs.length >= 50) flush();
  }
  if (docs.length) flush();
  writeFileSync(path.join(dir, 'source.yaml'), `apiVersion: updops/v1\nkind: UpdateSource\nmetadata: {name: vendor}\nspec: {type: vendor, url: "http://127.0.0.1:${deadPort}"}\n`);
  writeFileSync(
    path.join(dir, 'task.yaml'),
    `apiVersion: updops/v1\nkind: Task\nmetadata: {name: ${FLEET_TASK}}\nspec:\n  type: Update\n  scope: {group: fleet}\n  settings: {sources: [vendor], applicationUpdateMode: disabled}\n  schedule: {kind: manual}\n`,
  );
  const git = (...args: string[]): void => void execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@updops.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'bench fleet');
  return { groups };
}

/** What every simulated device reports (also what the scale bench records directly for the rest). */
export const HEARTBEAT_STATUS = {
  role: 'device',
  databaseVersion: '2026.11.1',
  published: '2026-12-01T00:00:00.000Z',
  freshness: 'upToDate',
  basesMode: 'normal',
  applicationVersion: '12.1.0',
  restartRequired: false,
  lastRestart: null,
  lastResult: { status: 'completed', at: '2026-12-01T03:00:00.000Z' },
  unlicensedUpdates: 0,
};
