/**
 * Scale bench (issue 17): what the PostgreSQL state buys and costs at fleet size, each figure
 * next to a baseline measured in the same run. `npm run bench -- scale [apply|heartbeats|queue|size]`
 * (default: all four sections), or `node --import tsx bench/scale.ts [SECTION…]` after `npm run build`.
 *
 * 1. apply — the 10,000-manifest corpus of bench/validate.ts (groups with DPs and devices,
 *    sources, tasks), `updops plan --offline --out` + `updops apply PLAN` through the real CLI,
 *    into SQLite and into PostgreSQL: seconds each, PostgreSQL/SQLite.
 * 2. heartbeats — 100,000 devices heart-beating at the default interval (DEFAULTS.heartbeatSeconds)
 *    from 4 load processes (bench/helpers/scale-load.ts) against 2 controllers on one PostgreSQL,
 *    the second `--standby`: latency p50/p99, requests/s, CPU and RSS per replica. The load goes
 *    to both replicas when the standby answers a heartbeat 2xx, else to the leader alone (noted).
 *    The window is short (60 s, UPDOPS_BENCH_SCALE_SECONDS); the interval is the default unless
 *    UPDOPS_BENCH_SCALE_INTERVAL (seconds) scales it. Devices are recorded straight into the store
 *    (one upsertAgent each): a registration through the API decodes the whole recorded config,
 *    so its cost is measured on a sample instead.
 * 3. queue — 10,000 device runs (one manual Update task over 10,000 devices) answered by 20 load
 *    processes speaking the agent protocol for 500 devices each, `updops run --wait` through the
 *    controller on SQLite and on PostgreSQL: runs/s side by side. Whatever the controller
 *    dispatches device runs through is what this measures, through the same CLI path: on SQLite
 *    the hub's in-memory queues, on PostgreSQL the job queue (src/queue/, one `updops-targets`).
 * 4. size — the state of 100,000 devices (the fleet's config applied, each device registered and
 *    one heartbeat recorded): SQLite's file after VACUUM, PostgreSQL's tables (pg_total_relation_size,
 *    indexes and TOAST included) after VACUUM FULL.
 *
 * PostgreSQL is Debian's server (test/helpers/postgres-server.ts) in a temp folder with
 * fsync=on and synchronous_commit=off, the closest match to SQLite's WAL with synchronous=NORMAL
 * (neither loses integrity on a crash; both may lose the last commits). Without the server
 * binaries the PostgreSQL sections say why and are skipped. Every process and folder made here is
 * removed at the end, also on Ctrl-C.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULTS } from '../src/defaults.js';
import { openStateStore, type StateStore } from '../src/state/index.js';
import { freeLoopbackPort } from '../test/helpers/loopback.js';
import { postgresSkipReason, startPostgresServer, type PostgresServer } from '../test/helpers/postgres-server.js';
import { deviceName, FLEET_TASK, HEARTBEAT_STATUS, writeFleetConfig } from './helpers/fleet.js';
import type { LoadJob, LoadReport } from './helpers/scale-load.js';
import { corpusWithRepository } from './plan.js';

export const SECTIONS = ['apply', 'heartbeats', 'queue', 'size'] as const;
export type Section = (typeof SECTIONS)[number];

/** `[SECTION…]` → the sections to run, in their fixed order; none named: all. */
export function parseScaleArgs(args: readonly string[]): Section[] {
  const unknown = args.filter((a) => !(SECTIONS as readonly string[]).includes(a));
  if (unknown.length) throw new Error(`unknown scale section${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}: choose from ${SECTIONS.join(', ')}`);
  return args.length ? SECTIONS.filter((s) => args.includes(s)) : [...SECTIONS];
}

const here = path.dirname(fileURLToPath(import.meta.url));
const CLI = path.join(here, '..', 'bin', 'updops.js');
const LOAD = path.join(here, 'helpers', 'scale-load.ts');
const TOKEN = 'scale-bench-token-0123456789';
const LISTENING = /controller listening on (http:\/\/[^\s"]+)/;

const env = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};
const HEARTBEAT_DEVICES = env('UPDOPS_BENCH_SCALE_DEVICES', 100_000);
const WINDOW_SECONDS = env('UPDOPS_BENCH_SCALE_SECONDS', 60);
const INTERVAL_SECONDS = env('UPDOPS_BENCH_SCALE_INTERVAL', DEFAULTS.heartbeatSeconds);
const LOAD_PROCESSES = 4;
const QUEUE_DEVICES = env('UPDOPS_BENCH_SCALE_RUNS', 10_000);
const QUEUE_AGENTS = 20;
const QUEUE_CONCURRENCY = env('UPDOPS_BENCH_SCALE_CONCURRENCY', 20);
const SIZE_DEVICES = env('UPDOPS_BENCH_SCALE_SIZE_DEVICES', 100_000);

const log = (line: string): void => void process.stderr.write(`  [scale] ${line}\n`);
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const mb = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
const ratio = (a: number, b: number): string => (b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');

/** A fixed-width table: the first row is the header; the first column (and with `textLast` the last) left-aligned, figures right-aligned. */
export function table(rows: string[][], textLast = false): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const last = rows[0]!.length - 1;
  return rows.map((r) => r.map((cell, c) => (c === 0 || (textLast && c === last) ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd());
}

interface Proc {
  child: ChildProcess;
  output(): string;
  line(pattern: RegExp, ms?: number): Promise<RegExpExecArray>;
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

interface Bench {
  work: string;
  procs: Set<Proc>;
  pg?: PostgresServer;
  pgSkip?: string;
  pgDir?: string;
  schemas: number;
}

function startProc(bench: Bench, command: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}, ipc = false): Proc {
  // A load process resolves `--import tsx` from its folder: the repository's.
  const child = spawn(command, args, { cwd: ipc ? path.join(here, '..') : bench.work, env: { ...process.env, UPDOPS_TOKEN: TOKEN, NO_COLOR: '1', ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe', ...(ipc ? (['ipc'] as const) : [])] });
  let all = '';
  child.stdout!.setEncoding('utf8').on('data', (s: string) => (all = (all + s).slice(-200_000)));
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (all = (all + s).slice(-200_000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const proc: Proc = {
    child,
    output: () => all,
    exited,
    line: (pattern, ms = 120_000) =>
      new Promise((resolve, reject) => {
        const until = Date.now() + ms;
        const check = (): void => {
          const m = pattern.exec(all);
          if (m) return resolve(m);
          if (child.exitCode !== null || child.signalCode !== null || Date.now() > until) return reject(new Error(`${path.basename(args[1] ?? command)} ${args[2] ?? ''}: no ${pattern}\n${all.slice(-2000)}`));
          setTimeout(check, 50);
        };
        check();
      }),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
      bench.procs.delete(proc);
    },
  };
  bench.procs.add(proc);
  return proc;
}

/** `updops ARGS` to completion: exit code, output and wall time. */
async function cli(bench: Bench, args: string[]): Promise<{ code: number | null; ms: number; out: string }> {
  const started = performance.now();
  const proc = startProc(bench, process.execPath, [CLI, ...args]);
  const code = await proc.exited;
  bench.procs.delete(proc);
  return { code, ms: performance.now() - started, out: proc.output() };
}

async function cliOk(bench: Bench, args: string[]): Promise<number> {
  const res = await cli(bench, args);
  if (res.code !== 0) throw new Error(`updops ${args.slice(0, 2).join(' ')} exited ${res.code}: ${res.out.slice(-1500)}`);
  return res.ms;
}

function startController(bench: Bench, config: string, state: string, extra: string[] = []): Proc {
  const listen = extra.includes('--listen') ? [] : ['--listen', '127.0.0.1:0'];
  return startProc(bench, process.execPath, [CLI, 'controller', '--config', config, '--ref', 'main', '--state', state, ...listen, '--poll', '1h', '--log-level', 'warn', ...extra]);
}

/** One PostgreSQL server for the whole bench, started on first use; undefined (with bench.pgSkip) when it cannot be. */
async function postgres(bench: Bench): Promise<PostgresServer | undefined> {
  if (bench.pg || bench.pgSkip) return bench.pg;
  bench.pgSkip = postgresSkipReason();
  if (bench.pgSkip) return undefined;
  // Its own temp folder: the server runs as `postgres` when we are root and must reach it.
  const dir = mkdtempSync(path.join(tmpdir(), 'updops-bench-scale-pg-'));
  bench.pgDir = dir;
  bench.pg = await startPostgresServer(dir, { settings: { fsync: 'on', synchronous_commit: 'off', max_connections: 300, shared_buffers: '256MB' } });
  return bench.pg;
}

const freshPgUrl = (bench: Bench, pg: PostgresServer): string => `${pg.url}?schema=scale_${++bench.schemas}`;

// ---- /proc figures ------------------------------------------------------------------------

const TICKS = 100; // USER_HZ: 100 on every Linux the project runs on

/** utime + stime of a process, in ms (0 without /proc). */
function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS;
  } catch {
    return 0;
  }
}

function rssBytes(pid: number): number {
  try {
    return Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/** The postmaster and its children (the backends serving the controllers). */
function familyCpuMs(root: number): number {
  let total = cpuMs(root);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === root) total += cpuMs(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

// ---- the devices ----------------------------------------------------------------------------

/** Every fleet device recorded as a registered agent (and, with `beat`, one heartbeat each), `parallel` writes at a time. */
async function seedAgents(store: StateStore, devices: number, beat: boolean, parallel: number): Promise<number> {
  const started = performance.now();
  const at = new Date().toISOString();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < devices) {
      const i = next++;
      const name = deviceName(i);
      await store.upsertAgent({ name, role: 'device', os: i % 5 === 0 ? 'linux' : 'windows', version: '0.1.0', at });
      if (beat) await store.recordHeartbeat(name, { ...HEARTBEAT_STATUS }, at);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return performance.now() - started;
}


async function fleet(bench: Bench, devices: number): Promise<string> {
  const dir = path.join(bench.work, `fleet-${devices}`);
  try {
    statSync(dir);
    return dir;
  } catch {
    writeFleetConfig(dir, devices, await freeLoopbackPort());
    return dir;
  }
}

interface LoadChild {
  proc: Proc;
  next<T>(key: string, ms?: number): Promise<T>;
  send(message: unknown): void;
}

function startLoad(bench: Bench): LoadChild {
  const proc = startProc(bench, process.execPath, ['--import', 'tsx', LOAD], {}, true);
  const inbox: Record<string, unknown>[] = [];
  proc.child.on('message', (m: Record<string, unknown>) => inbox.push(m));
  return {
    proc,
    send: (message) => proc.child.send(message as object),
    next: (key, ms = 600_000) =>
      new Promise((resolve, reject) => {
        const until = Date.now() + ms;
        const check = (): void => {
          const at = inbox.findIndex((m) => key in m || 'error' in m);
          if (at >= 0) {
            const [m] = inbox.splice(at, 1);
            if ('error' in m!) return reject(new Error(`load process: ${String(m.error)}`));
            return resolve(m![key] as never);
          }
          if (proc.child.exitCode !== null || Date.now() > until) return reject(new Error(`load process: no "${key}"\n${proc.output().slice(-2000)}`));
          setTimeout(check, 20);
        };
        check();
      }),
  };
}

function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function post(url: string, body: unknown): Promise<{ status: number; ms: number; text: string }> {
  const started = performance.now();
  const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, ms: performance.now() - started, text };
}

async function waitFor(what: string, ms: number, check: () => Promise<boolean>): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check().catch(() => false))) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

// ---- 1. apply -------------------------------------------------------------------------------

async function applySection(bench: Bench): Promise<string[]> {
  const pg = await postgres(bench);
  const dir = path.join(bench.work, 'apply');
  const { config, corpus, dps } = await corpusWithRepository(dir);
  const backends: [string, string][] = [['SQLite', path.join(dir, 'state.db')]];
  if (pg) backends.push(['PostgreSQL', freshPgUrl(bench, pg)]);
  const rows: string[][] = [['state', 'plan', 'apply', 'plan + apply', 're-plan (no changes)']];
  const totals: number[] = [];
  for (const [label, state] of backends) {
    const planFile = path.join(dir, `${label}.plan.json`);
    log(`apply: plan + apply of ${corpus.manifests} manifests into ${label}`);
    const plan = await cliOk(bench, ['plan', '--config', config, '--state', state, '--offline', '--out', planFile]);
    const apply = await cliOk(bench, ['apply', planFile, '--config', config, '--state', state, '--auto-approve']);
    const again = await cli(bench, ['plan', '--config', config, '--state', state, '--offline', '--detailed-exitcode']);
    if (again.code !== 0) throw new Error(`the plan after the apply into ${label} is not empty (exit ${again.code}): ${again.out.slice(-1000)}`);
    totals.push(plan + apply);
    rows.push([label, seconds(plan), seconds(apply), seconds(plan + apply), seconds(again.ms)]);
  }
  const lines = [`${corpus.manifests} manifests in ${corpus.files} files, ${dps} DP repositories (links to one complete repository, so nothing is synced); each step a whole \`updops\` process`, ...table(rows)];
  if (pg) lines.push(`PostgreSQL / SQLite, plan + apply: ${ratio(totals[1]!, totals[0]!)}`);
  else lines.push(`PostgreSQL skipped: ${bench.pgSkip}`);
  return lines;
}

// ---- 2. heartbeats --------------------------------------------------------------------------

async function heartbeatsSection(bench: Bench): Promise<string[]> {
  const pg = await postgres(bench);
  if (!pg) return [`skipped: ${bench.pgSkip}`];
  const config = await fleet(bench, HEARTBEAT_DEVICES);
  const state = freshPgUrl(bench, pg);
  log(`heartbeats: applying ${HEARTBEAT_DEVICES} devices into PostgreSQL`);
  const applyMs = await cliOk(bench, ['apply', '--config', config, '--ref', 'main', '--state', state, '--auto-approve']);
  const store = await openStateStore({ path: state });
  let seedMs: number;
  try {
    seedMs = await seedAgents(store, HEARTBEAT_DEVICES, false, 10);
  } finally {
    await store.close();
  }
  log(`heartbeats: ${HEARTBEAT_DEVICES} agents recorded in ${seconds(seedMs)}; starting 2 controllers`);
  const leader = startController(bench, config, state);
  const leaderUrl = (await leader.line(LISTENING))[1]!;
  await waitFor('the leader to answer heartbeats', 120_000, async () => (await post(`${leaderUrl}/api/agents/${deviceName(0)}/heartbeat`, { heartbeatSeconds: INTERVAL_SECONDS })).status === 200);
  // A standby logs its address only at info level (and "listening" once it leads): give it a port.
  const standbyPort = await freeLoopbackPort();
  const standby = startController(bench, config, state, ['--standby', '--listen', `127.0.0.1:${standbyPort}`]);
  const standbyUrl = `http://127.0.0.1:${standbyPort}`;
  await waitFor('the standby to answer', 120_000, async () => (await fetch(`${standbyUrl}/api/status`, { signal: AbortSignal.timeout(5000) })).status > 0).catch((error: Error) => {
    throw new Error(`${error.message}: ${standby.output().slice(-1500)}`);
  });
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const probe = await post(`${standbyUrl}/api/agents/${deviceName(1)}/heartbeat`, { heartbeatSeconds: INTERVAL_SECONDS }).catch((e: unknown) => ({ status: 0, ms: 0, text: String(e) }));
  const both = probe.status >= 200 && probe.status < 300;
  const urls = both ? [leaderUrl, standbyUrl] : [leaderUrl];
  const note = both ? 'the standby answers heartbeats: the load is split over both replicas (device i to replica i mod 2)' : `NOTE: the standby answered a heartbeat HTTP ${probe.status}, so all load goes to the leader; the standby's figures are its idle cost`;
  log(`heartbeats: ${note}`);

  // Registration through the API, on a sample: each one decodes the recorded config.
  const sample: number[] = [];
  for (let i = 0; i < 20; i++) sample.push((await post(`${leaderUrl}/api/agents/register`, { name: deviceName(i), version: '0.1.0', heartbeatSeconds: INTERVAL_SECONDS })).ms);
  sample.sort((a, b) => a - b);

  const per = Math.ceil(HEARTBEAT_DEVICES / LOAD_PROCESSES);
  const loads = Array.from({ length: LOAD_PROCESSES }, () => startLoad(bench));
  for (const [k, load] of loads.entries()) {
    const job: LoadJob = { mode: 'heartbeat', urls, token: TOKEN, from: k * per, to: Math.min(HEARTBEAT_DEVICES, (k + 1) * per), fleet: HEARTBEAT_DEVICES, intervalMs: INTERVAL_SECONDS * 1000, seconds: WINDOW_SECONDS, connections: 64, heartbeatSeconds: INTERVAL_SECONDS };
    load.send({ job });
  }
  for (const load of loads) await load.next('ready');
  const replicas = [leader, standby].map((p) => p.child.pid!);
  const pgPid = pg.pid();
  const startAt = Date.now() + 1000;
  for (const load of loads) load.send({ go: startAt });
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
  const cpu0 = replicas.map(cpuMs);
  const pgCpu0 = pgPid ? familyCpuMs(pgPid) : 0;
  const wall0 = performance.now();
  const peak = replicas.map(rssBytes);
  const sampler = setInterval(() => replicas.forEach((pid, r) => (peak[r] = Math.max(peak[r]!, rssBytes(pid)))), 1000);
  log(`heartbeats: ${HEARTBEAT_DEVICES} devices every ${INTERVAL_SECONDS} s for ${WINDOW_SECONDS} s from ${LOAD_PROCESSES} processes`);
  let reports: LoadReport[];
  try {
    reports = await Promise.all(loads.map((l) => l.next<LoadReport>('report', (WINDOW_SECONDS + 120) * 1000)));
  } finally {
    clearInterval(sampler);
  }
  const wallMs = performance.now() - wall0;
  const cpu = replicas.map((pid, r) => cpuMs(pid) - cpu0[r]!);
  const pgCpu = pgPid ? familyCpuMs(pgPid) - pgCpu0 : 0;
  for (const load of loads) await load.proc.stop();
  await standby.stop();
  await leader.stop();

  const latencies = reports.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const service = reports.flatMap((r) => r.service).sort((a, b) => a - b);
  const sum = (f: (r: LoadReport) => number): number => reports.reduce((n, r) => n + f(r), 0);
  const ok = sum((r) => r.ok);
  const failed = sum((r) => r.failed);
  const unsent = sum((r) => r.unsent);
  const offered = HEARTBEAT_DEVICES / INTERVAL_SECONDS;
  const perReplica = [0, 1].map((r) => sum((rep) => rep.perReplica[r] ?? 0));
  const firstFailure = reports.find((r) => r.firstFailure)?.firstFailure;
  const rows = [
    ['replica', 'role', 'heartbeats answered', 'CPU (% of one core)', 'RSS peak'],
    ...[0, 1].map((r) => [`#${r + 1}`, r === 0 ? 'leader' : '--standby', String(perReplica[r]), `${((cpu[r]! / wallMs) * 100).toFixed(0)}%`, mb(peak[r]!)]),
    ['PostgreSQL', 'server + backends', '', `${((pgCpu / wallMs) * 100).toFixed(0)}%`, ''],
  ];
  const lines = [
    `${HEARTBEAT_DEVICES} devices, heartbeat every ${INTERVAL_SECONDS} s${INTERVAL_SECONDS === DEFAULTS.heartbeatSeconds ? ' (the default)' : ` (SCALED: the default is ${DEFAULTS.heartbeatSeconds} s)`}, window ${WINDOW_SECONDS} s (shortened), ${LOAD_PROCESSES} load processes × 64 connections per replica`,
    note,
    `set-up: apply of the fleet ${seconds(applyMs)}; ${HEARTBEAT_DEVICES} agents recorded through the store in ${seconds(seedMs)}; registration through the API (sample of 20): p50 ${percentile(sample, 50).toFixed(0)} ms, max ${sample.at(-1)!.toFixed(0)} ms — ${HEARTBEAT_DEVICES} of them would take ${((percentile(sample, 50) * HEARTBEAT_DEVICES) / 60_000).toFixed(0)} min one at a time`,
    `heartbeats: ${ok} answered 200, ${failed} failed, ${unsent} due but never sent; ${(ok / (wallMs / 1000)).toFixed(0)} requests/s answered (offered ${offered.toFixed(0)}/s)`,
    `latency from each beat's scheduled time: p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${(latencies.at(-1) ?? NaN).toFixed(1)} ms`,
    `latency from each beat's sending (the answer alone, without waiting for a free connection): p50 ${percentile(service, 50).toFixed(1)} ms, p99 ${percentile(service, 99).toFixed(1)} ms`,
    `devices the replicas keep at this interval at the answered rate: ${Math.round((ok / (wallMs / 1000)) * INTERVAL_SECONDS)} of ${HEARTBEAT_DEVICES}`,
    ...table(rows),
    `answered / offered: ${ratio(ok / (wallMs / 1000), offered)}; p99 / interval: ${(percentile(latencies, 99) / (INTERVAL_SECONDS * 1000)).toFixed(3)}; controller CPU per 1,000 heartbeats/s: ${(((cpu[0]! + cpu[1]!) / wallMs) * 100 / Math.max(1e-9, ok / (wallMs / 1000) / 1000)).toFixed(0)}% of a core`,
    `load average at the end: ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} CPUs (load processes, both controllers and PostgreSQL share them)`,
  ];
  if (firstFailure) lines.push(`first failure: ${firstFailure}`);
  return lines;
}

// ---- 3. queue -------------------------------------------------------------------------------

interface QueueFigure {
  label: string;
  ms: number;
  code: number | null;
  results: number;
  failed: number;
  firstFailure?: string;
}

async function queueOne(bench: Bench, label: string, config: string, state: string): Promise<QueueFigure> {
  log(`queue: ${label}: apply, ${QUEUE_DEVICES} agents, controller, ${QUEUE_AGENTS} agent processes`);
  await cliOk(bench, ['apply', '--config', config, '--ref', 'main', '--state', state, '--auto-approve']);
  const store = await openStateStore({ path: state });
  try {
    await seedAgents(store, QUEUE_DEVICES, false, label === 'SQLite' ? 1 : 10);
  } finally {
    await store.close();
  }
  const controller = startController(bench, config, state, ['--concurrency', String(QUEUE_CONCURRENCY)]);
  const loads: LoadChild[] = [];
  try {
    const url = (await controller.line(LISTENING))[1]!;
    await waitFor('the controller to answer heartbeats', 120_000, async () => (await post(`${url}/api/agents/${deviceName(0)}/heartbeat`, { heartbeatSeconds: 3600 })).status === 200);
    const per = Math.ceil(QUEUE_DEVICES / QUEUE_AGENTS);
    for (let k = 0; k < QUEUE_AGENTS; k++) {
      const load = startLoad(bench);
      loads.push(load);
      const job: LoadJob = { mode: 'queue', urls: [url], token: TOKEN, from: k * per, to: Math.min(QUEUE_DEVICES, (k + 1) * per), fleet: QUEUE_DEVICES, intervalMs: 0, seconds: 0, connections: 0, heartbeatSeconds: 3600 };
      load.send({ job });
    }
    for (const load of loads) await load.next('ready');
    for (const load of loads) load.send({ go: Date.now() });
    for (const load of loads) await load.next('polling');
    await new Promise((resolve) => setTimeout(resolve, 2000));
    log(`queue: ${label}: updops run ${FLEET_TASK} --wait (${QUEUE_DEVICES} device runs)`);
    const run = await cli(bench, ['run', FLEET_TASK, '--controller', url, '--wait', '--interval', '200']);
    for (const load of loads) load.send({ stop: true });
    const missing: LoadReport = { sent: 0, ok: 0, failed: 1, firstFailure: 'a load process sent no report', unsent: 0, latencies: [], service: [], perReplica: [0], results: 0, assignments: 0 };
    const reports = await Promise.all(loads.map((l) => l.next<LoadReport>('report', 30_000).catch(() => missing)));
    const failedRun = run.code !== 0 ? `updops run exited ${run.code} after ${seconds(run.ms)}: ${run.out.length > 900 ? `${run.out.slice(0, 500)} … ${run.out.slice(-300)}` : run.out}; the controller's last output: ${controller.output().slice(-1200)}` : undefined;
    const firstFailure = failedRun ?? reports.find((r) => r.firstFailure)?.firstFailure;
    return { label, ms: run.ms, code: run.code, results: reports.reduce((n, r) => n + r.results, 0), failed: reports.reduce((n, r) => n + r.failed, 0), ...(firstFailure ? { firstFailure } : {}) };
  } finally {
    for (const load of loads) await load.proc.stop();
    await controller.stop();
  }
}

async function queueSection(bench: Bench): Promise<string[]> {
  const pg = await postgres(bench);
  const config = await fleet(bench, QUEUE_DEVICES);
  const figures = [await queueOne(bench, 'SQLite', config, path.join(bench.work, 'queue.db'))];
  if (pg) figures.push(await queueOne(bench, 'PostgreSQL', config, freshPgUrl(bench, pg)));
  const rows = [['state', 'run --wait', 'device runs/s', 'results posted', 'agent errors', 'exit'], ...figures.map((f) => [f.label, seconds(f.ms), (QUEUE_DEVICES / (f.ms / 1000)).toFixed(0), String(f.results), String(f.failed), String(f.code)])];
  const lines = [
    `one manual Update task over ${QUEUE_DEVICES} devices; ${QUEUE_AGENTS} agent processes (${Math.ceil(QUEUE_DEVICES / QUEUE_AGENTS)} simulated devices each: long-poll, answer completed at once); controller --concurrency ${QUEUE_CONCURRENCY}; timed: \`updops run --wait\`, start to finish`,
    'device runs are dispatched as the controller does: on SQLite through its in-memory queues, on PostgreSQL through the job queue (pg-boss, one updops-targets queue)',
    ...table(rows),
  ];
  if (figures[1]) lines.push(`PostgreSQL / SQLite, device runs/s: ${ratio(figures[0]!.ms, figures[1].ms)}`);
  else lines.push(`PostgreSQL skipped: ${bench.pgSkip}`);
  for (const f of figures) if (f.firstFailure) lines.push(`${f.label} first failure: ${f.firstFailure}`);
  return lines;
}

// ---- 4. size --------------------------------------------------------------------------------

async function sizeSection(bench: Bench): Promise<string[]> {
  const pg = await postgres(bench);
  const config = await fleet(bench, SIZE_DEVICES);
  const file = path.join(bench.work, 'size.db');
  const figures: [string, number, string][] = [];
  const fill = async (label: string, state: string): Promise<void> => {
    log(`size: ${label}: apply ${SIZE_DEVICES} devices, record each as an agent with one heartbeat`);
    await cliOk(bench, ['apply', '--config', config, '--ref', 'main', '--state', state, '--auto-approve']);
    const store = await openStateStore({ path: state });
    try {
      await seedAgents(store, SIZE_DEVICES, true, label === 'SQLite' ? 1 : 10);
    } finally {
      await store.close();
    }
  };
  await fill('SQLite', file);
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(file);
  try {
    db.exec('VACUUM');
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  figures.push(['SQLite', statSync(file).size, 'file size after VACUUM']);
  if (pg) {
    const url = freshPgUrl(bench, pg);
    await fill('PostgreSQL', url);
    const schema = new URL(url).searchParams.get('schema')!;
    const { default: pgLib } = await import('pg');
    const client = new pgLib.Client({ connectionString: pg.url });
    await client.connect();
    try {
      const tables = (await client.query<{ relname: string }>("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'", [schema])).rows.map((r) => r.relname);
      for (const t of tables) await client.query(`VACUUM FULL ANALYZE "${schema}"."${t}"`);
      const sizes = (await client.query<{ relname: string; bytes: string }>("SELECT c.relname, pg_total_relation_size(c.oid) AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r' ORDER BY 2 DESC", [schema])).rows;
      const total = sizes.reduce((n, r) => n + Number(r.bytes), 0);
      const top = sizes.slice(0, 3).map((r) => `${r.relname} ${mb(Number(r.bytes))}`).join(', ');
      figures.push(['PostgreSQL', total, `pg_total_relation_size of its ${tables.length} tables after VACUUM FULL (largest: ${top})`]);
    } finally {
      await client.end();
    }
  }
  const per100k = (bytes: number): number => (bytes * 100_000) / SIZE_DEVICES;
  const rows = [['state', 'size', 'per 100,000 devices', 'measured as'], ...figures.map(([label, bytes, how]) => [label, mb(bytes), mb(per100k(bytes)), how])];
  const lines = [`${SIZE_DEVICES} devices in ${Math.ceil(SIZE_DEVICES / 100)} groups (config applied), each recorded as an agent with one device heartbeat`, ...table(rows, true)];
  if (figures[1]) lines.push(`PostgreSQL / SQLite: ${ratio(figures[1][1], figures[0]![1])}`);
  else lines.push(`PostgreSQL skipped: ${bench.pgSkip}`);
  return lines;
}

// ---- the run --------------------------------------------------------------------------------

const RUNNERS: Record<Section, (bench: Bench) => Promise<string[]>> = { apply: applySection, heartbeats: heartbeatsSection, queue: queueSection, size: sizeSection };

async function cleanUp(bench: Bench): Promise<void> {
  await Promise.all([...bench.procs].map((p) => p.stop()));
  try {
    bench.pg?.stop('immediate');
  } catch {
    // already stopped
  }
  rmSync(bench.work, { recursive: true, force: true });
  if (bench.pgDir) rmSync(bench.pgDir, { recursive: true, force: true });
}

export async function runScaleBench(args: readonly string[] = []): Promise<{ name: string; lines: string[]; ok: boolean }> {
  const sections = parseScaleArgs(args);
  const bench: Bench = { work: mkdtempSync(path.join(tmpdir(), 'updops-bench-scale-')), procs: new Set(), schemas: 0 };
  const interrupted = (): void => {
    void cleanUp(bench).finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const lines: string[] = [];
  let ok = true;
  try {
    for (const section of sections) {
      lines.push(`-- ${section}`);
      const started = performance.now();
      try {
        lines.push(...(await RUNNERS[section](bench)));
      } catch (error) {
        ok = false;
        lines.push(`error: ${error instanceof Error ? error.message : String(error)}`);
      }
      lines.push(`(section took ${seconds(performance.now() - started)})`);
      log(`${section} done`);
      await Promise.all([...bench.procs].map((p) => p.stop()));
    }
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await cleanUp(bench);
  }
  return { name: 'scale', lines, ok };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = await runScaleBench(process.argv.slice(2));
  for (const line of result.lines) process.stdout.write(`${line}\n`);
  process.exitCode = result.ok ? 0 : 1;
}
