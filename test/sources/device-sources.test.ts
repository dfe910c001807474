/**
 * docs/design.md 1: a device's DP is the nearest DP without its own `updateTask` — its own group's,
 * then its parent's, nearest first; `distributionPoint` in `sources` expands there, in order.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import t from 'tap';
import { buildModel, loadConfigDir } from '../../src/manifests/index.js';
import { deviceDistributionPoints, resolveDeviceSources } from '../../src/sources/index.js';

const MANIFESTS = `
apiVersion: updops/v1
kind: Group
metadata: {name: head-office}
spec:
  distributionPoints:
    - {name: dp-head, os: windows, repository: /srv/head, address: "http://127.0.0.1:8001"}
    - {name: dp-head-2, os: windows, repository: /srv/head2, address: "http://127.0.0.1:8002"}
---
apiVersion: updops/v1
kind: Group
metadata: {name: berlin}
spec:
  parent: head-office
  distributionPoints:
    - {name: dp-berlin-own, os: windows, repository: /srv/own, address: "http://127.0.0.1:8003", updateTask: Own download}
---
apiVersion: updops/v1
kind: Group
metadata: {name: berlin-floor2}
spec:
  parent: berlin
  devices:
    - {name: ws-floor2, os: linux}
---
apiVersion: updops/v1
kind: Group
metadata: {name: munich}
spec:
  parent: head-office
  distributionPoints:
    - {name: dp-munich, os: windows, repository: /srv/munich, address: "http://127.0.0.1:8004"}
  devices:
    - {name: ws-munich, os: linux}
---
apiVersion: updops/v1
kind: UpdateSource
metadata: {name: vendor}
spec: {type: vendor, url: "http://127.0.0.1:9000"}
---
apiVersion: updops/v1
kind: UpdateSource
metadata: {name: share}
spec: {type: folder, url: ./mirror}
`;

async function model(t: { teardown(fn: () => unknown): void }) {
  const dir = await mkdtemp(path.join(tmpdir(), 'updops-dp-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  await writeFile(path.join(dir, 'config.yaml'), MANIFESTS);
  const loaded = loadConfigDir(dir);
  return { dir, model: buildModel(loaded.manifests), problems: loaded.problems };
}

void t.test('a device in a subgroup uses the nearest DP without its own updateTask', async (t) => {
  const { model: m, problems } = await model(t);
  t.same(problems, []);
  t.same(deviceDistributionPoints(m, 'ws-floor2').map((d) => d.item.name), ['dp-head', 'dp-head-2'], 'berlin\'s DP has its own task; head-office\'s serve');
  t.same(deviceDistributionPoints(m, 'ws-munich').map((d) => d.item.name), ['dp-munich', 'dp-head', 'dp-head-2'], 'own group first, then the parent');
  t.same(deviceDistributionPoints(m, 'nobody'), []);
});

void t.test('distributionPoint expands in place, other names resolve as UpdateSources', async (t) => {
  const { dir, model: m } = await model(t);
  const resolved = resolveDeviceSources(m, 'ws-munich', ['share', 'distributionPoint', 'vendor'], dir);
  t.same(resolved.problems, []);
  t.same(
    resolved.sources.map((s) => s.spec.url),
    [path.join(dir, 'mirror'), 'http://127.0.0.1:8004', 'http://127.0.0.1:8001', 'http://127.0.0.1:8002', 'http://127.0.0.1:9000'],
  );
  const missing = resolveDeviceSources(m, 'ws-munich', ['nope', 'vendor'], dir);
  t.equal(missing.sources.length, 1);
  t.match(missing.problems[0], /nope/);
});
