/**
 * Console bench (issue 18): server time of every console page with 1,000 devices (reported by
 * their agents) and 10,000 runs in the store — target < 200 ms each, the status report computed
 * afresh for every request (no status cache: the worst case) — and the devices list paging at
 * 100,000 devices (first page, last page, a filtered page).
 * Run: `node --import tsx bench/console.ts` or `npm run bench -- console`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createApiServer } from '../src/controller/api/index.js';
import { openStateStore, type StateStore } from '../src/state/index.js';
import { storeBackedController } from './controller-api.js';

const TARGET_MS = 200;
const SAMPLES = 15;
const FRESHNESS = ['upToDate', 'upToDate', 'upToDate', 'outOfDate', 'totallyOutOfDate'];

async function fill(store: StateStore, o: { groups: number; devicesPerGroup: number; runs: number; reported: number }): Promise<{ runId: string; device: string }> {
  const groups = Array.from({ length: o.groups }, (_, g) => ({
    kind: 'Group',
    name: `group-${g}`,
    spec: {
      metadata: { name: `group-${g}` },
      spec: {
        ...(g > 0 ? { parent: `group-${Math.floor((g - 1) / 4)}` } : {}),
        distributionPoints: g < 10 ? [{ name: `dp-${g}`, os: g % 5 === 4 ? 'linux' : 'windows', repository: `/srv/updates/${g}` }] : [],
        devices: Array.from({ length: o.devicesPerGroup }, (_, d) => ({ name: `ws-${g}-${d}`, os: d % 10 === 0 ? 'linux' : 'windows' })),
      },
    },
  }));
  const tasks = Array.from({ length: 10 }, (_, i) => ({
    kind: 'Task',
    name: `Task ${i}`,
    spec: {
      metadata: { name: `Task ${i}` },
      spec: i < 5
        ? { type: 'DownloadUpdatesToDistributionPoints', scope: { group: `group-${i}` }, schedule: { kind: 'daysOfWeek', days: ['friday'], time: '18:00', timeZone: 'Europe/Berlin' }, randomDelay: { minutes: 30 } }
        : { type: 'Update', scope: { group: `group-${i - 5}`, includeSubgroups: true }, schedule: { kind: 'everyHours', every: 2 }, randomDelay: { automatic: true } },
    },
  }));
  await store.applyChanges({ commit: '0123456789abcdef0123', dirty: false, upserts: [...groups, ...tasks], deletes: [], plan: {}, summary: 'bench config' });
  for (let g = 0; g < Math.min(10, o.groups); g++) await store.putObservation({ dp: `dp-${g}`, version: '42', published: new Date(Date.now() - g * 36e5 * 20).toISOString(), observedAt: new Date().toISOString(), missing: g === 3 ? ['targets/a'] : [], corrupt: [] });
  const names = groups.flatMap((g) => g.spec.spec.devices.map((d) => d.name));
  for (const [i, name] of names.slice(0, o.reported).entries()) {
    await store.upsertAgent({ name, role: 'device', os: 'windows', version: '1.0.0' });
    await store.recordHeartbeat(name, { databaseVersion: '42', published: new Date(Date.now() - 86_400_000).toISOString(), freshness: FRESHNESS[i % FRESHNESS.length], applicationVersion: '12.1', restartRequired: i % 7 === 0 });
  }
  const now = Date.now();
  let last = '';
  for (let i = 0; i < o.runs; i++) {
    const startedAt = new Date(now - (o.runs - i) * 60_000).toISOString();
    const run = await store.createRun({ task: `Task ${i % 10}`, trigger: i % 7 === 0 ? 'schedule' : 'manual', status: 'running', startedAt });
    const failed = i % 13 === 0;
    await store.putDeviceResult({ runId: run.id, device: i % 10 < 5 ? `dp-${i % 10}` : names[i % names.length]!, status: failed ? 'failed' : 'completed', ...(failed ? { reason: 'the source did not answer' } : {}), files: 10, bytes: 1_000_000, durationMs: 1200 });
    await store.updateRun(run.id, { status: failed ? 'failed' : 'completed', finishedAt: new Date(Date.parse(startedAt) + 5000).toISOString() });
    last = run.id;
  }
  for (let i = 0; i < 500; i++) await store.appendEvent({ type: i % 5 ? 'RunCompleted' : 'RunFailed', subject: names[i % names.length]!, message: `event ${i}` });
  return { runId: last, device: names[1]! };
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function get(base: string, path: string): Promise<{ status: number; ms: number }> {
  const url = new URL(base);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Median and max of SAMPLES sequential requests (after two unmeasured ones), and whether all were 200. */
async function time(base: string, path: string): Promise<{ median: number; max: number; ok: boolean }> {
  for (let i = 0; i < 2; i++) await get(base, path);
  const samples: number[] = [];
  let ok = true;
  for (let i = 0; i < SAMPLES; i++) {
    const r = await get(base, path);
    ok &&= r.status === 200;
    samples.push(r.ms);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)] ?? NaN, max: samples.at(-1) ?? NaN, ok };
}

async function withState<T>(fillWith: Parameters<typeof fill>[1], body: (url: string, ids: { runId: string; device: string }) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'updops-console-bench-'));
  const store = await openStateStore({ path: join(dir, 'state.db') });
  try {
    const ids = await fill(store, fillWith);
    const api = await createApiServer(storeBackedController(store), { token: 'bench', statusCacheMs: 0 });
    try {
      return await body(api.url, ids);
    } finally {
      await api.close();
    }
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runConsoleBench(): Promise<{ name: string; lines: string[]; ok: boolean }> {
  const lines: string[] = [];
  let ok = true;
  const filled = performance.now();
  await withState({ groups: 20, devicesPerGroup: 50, runs: 10_000, reported: 1000 }, async (url, ids) => {
    lines.push(`1,000 devices, 10,000 runs, 500 events (filled in ${((performance.now() - filled) / 1000).toFixed(1)} s); status computed per request; ${SAMPLES} requests a page`);
    const pages = ['/', '/groups', '/devices', '/devices?freshness=totallyOutOfDate&page=2', `/devices/${ids.device}`, '/tasks', '/runs', '/runs?status=failed', `/runs/${ids.runId}`, '/events?limit=500', '/plan'];
    for (const page of pages) {
      const r = await time(url, page);
      const met = r.ok && r.median < TARGET_MS;
      ok &&= met;
      lines.push(`${page.padEnd(44)} median ${r.median.toFixed(1).padStart(6)} ms, max ${r.max.toFixed(1).padStart(6)} ms (ratio ${(r.median / TARGET_MS).toFixed(3)})${met ? '' : '  MISSED'}`);
    }
  });
  const big = performance.now();
  await withState({ groups: 100, devicesPerGroup: 1000, runs: 1000, reported: 2000 }, async (url) => {
    lines.push(`100,000 devices (2,000 reported), 1,000 runs (filled in ${((performance.now() - big) / 1000).toFixed(1)} s)`);
    for (const page of ['/devices', '/devices?page=2000', '/devices?freshness=totallyOutOfDate', '/devices?group=group-57&os=linux', '/', '/groups']) {
      const r = await time(url, page);
      const met = r.ok && r.median < TARGET_MS * 5;
      ok &&= r.ok;
      lines.push(`${page.padEnd(44)} median ${r.median.toFixed(1).padStart(6)} ms, max ${r.max.toFixed(1).padStart(6)} ms${met ? '' : '  (over 1 s)'}`);
    }
  });
  lines.push(`load average ${loadavg()[0]?.toFixed(1)}`);
  agent.destroy();
  return { name: 'console', lines, ok };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await runConsoleBench();
  console.log(`${result.name}\n  ${result.lines.join('\n  ')}\n  target: ${result.ok ? 'met' : 'MISSED'}`);
  if (!result.ok) process.exitCode = 1;
}
