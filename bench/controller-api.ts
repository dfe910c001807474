/**
 * Controller API bench (docs/design.md 4): `GET /api/status` at a steady 200 requests/s for 10 s against
 * the real HTTP server, on a controller-like backend whose state (SQLite) holds a realistic config
 * (20 groups, 100 DPs, 40 tasks) and a few thousand runs with per-device results. Reports p50/p99
 * latency, measured from each request's *scheduled* send time (an open-loop load, so a slow answer
 * cannot hide the requests queued behind it), and failures — which must be 0.
 * Run: `node --import tsx bench/controller-api.ts` or `npm run bench -- controller-api`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createApiServer } from '../src/controller/api/index.js';
import type { Controller } from '../src/controller/types.js';
import { openStateStore, type StateStore } from '../src/state/index.js';
import { collectStatus } from '../src/status/index.js';

const RATE = 200;
const SECONDS = 10;
const RUNS = 3000;
/** Informative: on a loaded shared machine the tail follows the load average, so it is reported, not enforced. */
const P99_TARGET_MS = 100;

/** The reads the API makes, answered from the store as the real controller does. */
export function storeBackedController(store: StateStore): Controller {
  const refuse = (): never => {
    throw new Error('not part of this bench');
  };
  return {
    store,
    start: async () => {},
    stop: async () => {},
    idle: async () => {},
    reconcileNow: refuse,
    runTask: refuse,
    outbreak: refuse,
    cancelRun: refuse,
    distributionPointRepository: async () => undefined,
    getRun: async (id) => {
      const run = await store.getRun(id);
      return run ? { run, results: await store.listDeviceResults(id) } : undefined;
    },
    listRuns: (query) => store.listRuns(query),
    listEvents: (query) => store.listEvents(query),
    status: () => collectStatus(store, new Date(), 'Europe/Berlin'),
  };
}

export async function fillState(store: StateStore): Promise<void> {
  const groups = Array.from({ length: 20 }, (_, g) => ({
    kind: 'Group',
    name: `group-${g}`,
    spec: { metadata: { name: `group-${g}` }, spec: { ...(g > 0 ? { parent: 'group-0' } : {}), distributionPoints: Array.from({ length: 5 }, (_, d) => ({ name: `dp-${g}-${d}`, os: 'windows', repository: `/srv/updates/${g}/${d}` })), devices: Array.from({ length: 50 }, (_, d) => ({ name: `ws-${g}-${d}`, os: 'windows' })) } },
  }));
  const schedules = [{ kind: 'manual' }, { kind: 'everyHours', every: 6 }, { kind: 'daysOfWeek', days: ['friday'], time: '18:00', timeZone: 'Europe/Berlin' }];
  const tasks = Array.from({ length: 40 }, (_, i) => ({
    kind: 'Task',
    name: `Download updates ${i}`,
    spec: { metadata: { name: `Download updates ${i}` }, spec: { type: 'DownloadUpdatesToDistributionPoints', scope: { group: `group-${i % 20}` }, schedule: schedules[i % schedules.length] } },
  }));
  await store.applyChanges({ commit: '0123456789abcdef0123', dirty: false, upserts: [...groups, ...tasks], deletes: [], plan: {}, summary: 'bench config' });
  for (let g = 0; g < 20; g++) {
    for (let d = 0; d < 5; d++) await store.putObservation({ dp: `dp-${g}-${d}`, version: '42', published: '2026-03-01T00:00:00Z', observedAt: new Date().toISOString(), missing: d === 0 ? ['targets/a'] : [], corrupt: [] });
  }
  const start = Date.parse('2026-01-01T00:00:00Z');
  for (let i = 0; i < RUNS; i++) {
    const startedAt = new Date(start + i * 60_000).toISOString();
    const run = await store.createRun({ task: `Download updates ${i % 40}`, trigger: i % 7 === 0 ? 'schedule' : 'manual', status: 'running', startedAt });
    for (let d = 0; d < 5; d++) await store.putDeviceResult({ runId: run.id, device: `dp-${i % 20}-${d}`, status: 'completed', files: 10, bytes: 1_000_000, durationMs: 1200 });
    await store.updateRun(run.id, { status: 'completed', finishedAt: new Date(start + i * 60_000 + 5000).toISOString() });
  }
}

/**
 * The load generator runs in its own Node process (plain JavaScript, no build step) so its timers
 * and the server never share an event loop: latency is the server's, not the client's.
 * Open loop: request i is due at t0 + i/rate, whatever happened to earlier ones.
 */
const LOADER = `
import { Agent, request } from 'node:http';
const [base, path, rate, seconds] = process.argv.slice(1);
const url = new URL(base);
const agent = new Agent({ keepAlive: true, maxSockets: 64 });
const total = Number(rate) * Number(seconds);
const latencies = [];
let failures = 0;
const inFlight = [];
const get = () => new Promise((resolve, reject) => {
  const req = request({ host: url.hostname, port: url.port, path, agent }, (res) => {
    res.resume();
    res.on('end', () => resolve(res.statusCode));
    res.on('error', reject);
  });
  req.setTimeout(5000, () => req.destroy(new Error('timeout')));
  req.on('error', reject);
  req.end();
});
const t0 = performance.now();
for (let i = 0; i < total; i++) {
  const due = t0 + (i * 1000) / Number(rate);
  const wait = due - performance.now();
  if (wait > 1) await new Promise((r) => setTimeout(r, wait));
  inFlight.push(get().then((status) => { if (status === 200) latencies.push(performance.now() - due); else failures++; }, () => { failures++; }));
}
await Promise.all(inFlight);
const wallMs = performance.now() - t0;
agent.destroy();
process.stdout.write(JSON.stringify({ latencies, failures, wallMs }));
`;

interface LoadResult {
  latencies: number[];
  failures: number;
  wallMs: number;
}

function load(base: string, path: string, rate: number, seconds: number): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', LOADER, base, path, String(rate), String(seconds)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`load generator exited with ${code}`));
      const result = JSON.parse(out) as LoadResult;
      resolve({ ...result, latencies: result.latencies.sort((a, b) => a - b) });
    });
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

export async function runApiBench(): Promise<{ name: string; lines: string[]; ok: boolean }> {
  const dir = mkdtempSync(join(tmpdir(), 'updops-api-bench-'));
  const store = await openStateStore({ path: join(dir, 'state.db') });
  try {
    await fillState(store);
    const api = await createApiServer(storeBackedController(store), { token: 'bench' });
    try {
      await load(api.url, '/api/status', RATE, 1); // warm-up: JIT, SQLite page cache; not measured
      const status = await load(api.url, '/api/status', RATE, SECONDS);
      const health = await load(api.url, '/healthz', RATE, 2);
      const p50 = percentile(status.latencies, 50);
      const p99 = percentile(status.latencies, 99);
      const sent = RATE * SECONDS;
      const achieved = sent / (status.wallMs / 1000);
      // Must: every request answered 200, at the asked rate.
      const ok = status.failures === 0 && status.latencies.length === sent && achieved >= RATE * 0.95;
      return {
        name: 'controller-api',
        ok,
        lines: [
          `GET /api/status at ${RATE} req/s for ${SECONDS} s (${RUNS} runs, 100 DPs, 40 tasks in state): ${status.latencies.length}/${sent} ok, ${status.failures} failures, ${achieved.toFixed(0)} req/s achieved (load average ${loadavg()[0]?.toFixed(1)})`,
          `latency p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${(status.latencies.at(-1) ?? NaN).toFixed(1)} ms (p99 / ${P99_TARGET_MS} ms: ratio ${(p99 / P99_TARGET_MS).toFixed(3)})`,
          `baseline GET /healthz at the same rate: p50 ${percentile(health.latencies, 50).toFixed(1)} ms, p99 ${percentile(health.latencies, 99).toFixed(1)} ms, ${health.failures} failures`,
        ],
      };
    } finally {
      await api.close();
    }
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await runApiBench();
  console.log(`${result.name}\n  ${result.lines.join('\n  ')}\n  target: ${result.ok ? 'met' : 'MISSED'}`);
  if (!result.ok) process.exitCode = 1;
}
