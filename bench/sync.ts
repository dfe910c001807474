/**
 * Sync benchmark (docs/design.md 3 "Sync"): `updops sync` against `rclone copy` on the same loopback
 * data, measured in one run. 500 files, ~1 GB (eight of 50–100 MB, the rest 10 KB–2 MB),
 * published with updops and served by `updops serve` in its own process; rclone reads the plain
 * content folder from `bench/helpers/static-server.ts` (Apache-style listings, the same
 * streaming code as `updops serve`), and updops also syncs the repository from that same plain
 * server, so both clients are compared on one server as well.
 * Rows: (1) initial sync, whole process, every byte verified by updops (target ≤ 1.0× rclone);
 * (2) no-op re-sync: time and requests counted at the server (target: 2 requests — the absent next root and the timestamp, TUF 5.3–5.4 — ≤ 1.0×);
 * (3) 1% appended to 5 files, v2 published with `--deltas 1`: bytes on the wire with `--diffs`,
 * without, and rclone (target with diffs ≤ 5× the appended bytes); (4) peak RSS (VmHWM) of the
 * updops sync process (target < 200 MB).
 * Run: `npm run build && node --import tsx bench/sync.ts` or `npm run bench -- sync`.
 * `UPDOPS_BENCH_SCALE=0.1` shrinks every file; `UPDOPS_BENCH_REPEAT` (default 3) sets the runs
 * whose median is reported; `UPDOPS_BENCH_BIN` runs another build's CLI (before/after). rclone is not installed by the bench: without it its rows are skipped.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateKeys } from '../src/repository/keys.js';
import { publishRepository } from '../src/repository/publish/index.js';
import { ensureContent, freshMarker, linkTree, makeV2, plan, switchRepo, totalBytes, writeMarker } from './helpers/data.js';
import type { DataFile } from './helpers/data.js';
import { hasCommand, runTimed, startServer } from './helpers/proc.js';
import type { ServerChild, TimedRun } from './helpers/proc.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** `UPDOPS_BENCH_BIN` points at another build's bin/updops.js, for before/after figures. */
const updopsBin = path.resolve(process.env.UPDOPS_BENCH_BIN ?? path.join(repoRoot, 'bin', 'updops.js'));
const RSS_TARGET = 200e6;
const CHANGED_FILES = 5;
/** Metadata lifetime of the cached repositories; they are republished well before it runs out. */
const EXPIRES = '60d';

interface Prepared {
  files: DataFile[];
  cache: string;
  appended: number;
}

interface Sample {
  initial: { updops: TimedRun; updopsReq: number; rclone?: TimedRun; rcloneReq?: number; plain: TimedRun };
  noop: { updops: TimedRun; updopsReq: number; rclone?: TimedRun; rcloneReq?: number; plain: TimedRun; plainReq: number };
  v2: { diffs: TimedRun; diffsBytes: number; full: TimedRun; fullBytes: number; rclone?: TimedRun; rcloneBytes?: number };
}

const log = (line: string): void => {
  process.stderr.write(`  [sync bench] ${line}\n`);
};

async function prepare(scale: number): Promise<Prepared> {
  const cache = path.join(repoRoot, 'bench', '.data', `sync-${scale}`);
  const files = plan(scale);
  const v1 = path.join(cache, 'content-v1');
  const started = Date.now();
  const made = await ensureContent(v1, files);
  if (made > 0) log(`generated ${made} files in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  // The five largest files change: a vendor's databases, where diff files matter.
  const changed = [...files].sort((a, b) => b.size - a.size).slice(0, CHANGED_FILES);
  const appended = changed.reduce((n, f) => n + Math.max(1, Math.round(f.size / 100)), 0);
  const marker = path.join(cache, 'published');
  if (made === 0 && (await freshMarker(marker, 50))) return { files, cache, appended };

  await rm(marker, { force: true });
  for (const dir of ['content-v2', 'repo-v1', 'repo-v2', 'keys']) await rm(path.join(cache, dir), { recursive: true, force: true });
  await makeV2(v1, path.join(cache, 'content-v2'), changed);
  await generateKeys(path.join(cache, 'keys'));
  const keysDir = path.join(cache, 'keys');
  let t = Date.now();
  await publishRepository({ contentDir: v1, repoDir: path.join(cache, 'repo-v1'), keysDir, expires: EXPIRES });
  log(`published v1 in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  // v2 starts from a hard-linked copy of v1: the publisher only ever adds files by rename.
  await linkTree(path.join(cache, 'repo-v1'), path.join(cache, 'repo-v2'));
  t = Date.now();
  await publishRepository({ contentDir: path.join(cache, 'content-v2'), repoDir: path.join(cache, 'repo-v2'), keysDir, expires: EXPIRES, deltas: 1 });
  log(`published v2 (--deltas 1) in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  await writeMarker(marker);
  return { files, cache, appended };
}

function check(run: TimedRun, what: string): TimedRun {
  if (run.code !== 0) throw new Error(`${what} failed (exit ${run.code}): ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  return run;
}

const updopsSync = (source: string, dest: string, diffs = false): Promise<TimedRun> =>
  runTimed(process.execPath, [updopsBin, 'sync', '--source', source, '--dest', dest, ...(diffs ? ['--diffs'] : [])], repoRoot);

const rcloneCopy = (url: string, dest: string, cwd: string): Promise<TimedRun> =>
  runTimed('rclone', ['copy', '--http-url', url, ':http:', dest], cwd, { ...process.env, RCLONE_CONFIG: path.join(cwd, 'rclone.conf') });

/**
 * Writes back what earlier runs left dirty (and what deleting the previous sample freed) before
 * a timed run: otherwise whichever client runs first pays for the others' disk work.
 */
async function settleDisk(): Promise<void> {
  spawnSync('sync');
  await new Promise((resolve) => setTimeout(resolve, 300));
}

/** Runs a client while counting what the server saw for it. */
async function measured(server: ServerChild, run: () => Promise<TimedRun>, what: string): Promise<{ run: TimedRun; requests: number; bytes: number }> {
  await settleDisk();
  const mark = server.mark();
  const result = check(await run(), what);
  await server.settle();
  const seen = server.since(mark);
  return { run: result, requests: seen.requests, bytes: seen.bytes };
}

async function countFiles(dir: string): Promise<number> {
  let n = 0;
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) n++;
  return n;
}

async function oneSample(prep: Prepared, rclone: boolean, rcloneFirst: boolean): Promise<Sample> {
  const run = path.join(prep.cache, 'run');
  await rm(run, { recursive: true, force: true });
  const live = path.join(run, 'live');
  const plain = path.join(run, 'plain');
  await switchRepo(path.join(prep.cache, 'repo-v1'), live);
  await linkTree(path.join(prep.cache, 'content-v1'), path.join(plain, 'content'));
  await switchRepo(path.join(prep.cache, 'repo-v1'), path.join(plain, 'repo'));
  const dest = (name: string): string => path.join(run, `dest-${name}`);
  await mkdir(dest('rclone'), { recursive: true });

  const updopsServer = await startServer(process.execPath, [updopsBin, 'serve', live, '--listen', '127.0.0.1:0', '--verbose'], repoRoot);
  const plainServer = await startServer(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'bench', 'helpers', 'static-server.ts'), plain], repoRoot);
  try {
    // Every other sample runs rclone first, so neither client always follows the other.
    const rcloneInitial = () => measured(plainServer, () => rcloneCopy(`${plainServer.url}/content/`, dest('rclone'), run), 'rclone copy');
    const early = rclone && rcloneFirst ? await rcloneInitial() : undefined;
    const u1 = await measured(updopsServer, () => updopsSync(updopsServer.url, dest('updops')), 'updops sync');
    const r1 = early ?? (rclone ? await rcloneInitial() : undefined);
    if (r1 && (await countFiles(dest('rclone'))) !== prep.files.length) throw new Error('rclone did not copy every file');
    const p1 = await measured(plainServer, () => updopsSync(`${plainServer.url}/repo`, dest('plain')), 'updops sync (plain server)');

    const u2 = await measured(updopsServer, () => updopsSync(updopsServer.url, dest('updops')), 'updops no-op sync');
    const r2 = rclone ? await measured(plainServer, () => rcloneCopy(`${plainServer.url}/content/`, dest('rclone'), run), 'rclone no-op copy') : undefined;
    const p2 = await measured(plainServer, () => updopsSync(`${plainServer.url}/repo`, dest('plain')), 'updops no-op sync (plain server)');

    // The same v1 mirror twice: one syncs v2 with diff files, the other without.
    await linkTree(dest('updops'), dest('nodiffs'));
    await switchRepo(path.join(prep.cache, 'repo-v2'), live);
    await linkTree(path.join(prep.cache, 'content-v2'), path.join(plain, 'content'));
    const d = await measured(updopsServer, () => updopsSync(updopsServer.url, dest('updops'), true), 'updops sync --diffs');
    const f = await measured(updopsServer, () => updopsSync(updopsServer.url, dest('nodiffs')), 'updops sync v2');
    const r3 = rclone ? await measured(plainServer, () => rcloneCopy(`${plainServer.url}/content/`, dest('rclone'), run), 'rclone copy v2') : undefined;
    return {
      initial: { updops: u1.run, updopsReq: u1.requests, plain: p1.run, ...(r1 ? { rclone: r1.run, rcloneReq: r1.requests } : {}) },
      noop: { updops: u2.run, updopsReq: u2.requests, plain: p2.run, plainReq: p2.requests, ...(r2 ? { rclone: r2.run, rcloneReq: r2.requests } : {}) },
      v2: { diffs: d.run, diffsBytes: d.bytes, full: f.run, fullBytes: f.bytes, ...(r3 ? { rclone: r3.run, rcloneBytes: r3.bytes } : {}) },
    };
  } finally {
    await updopsServer.stop();
    await plainServer.stop();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const sec = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;

function report(samples: Sample[], prep: Prepared, rclone: boolean): { lines: string[]; ok: boolean } {
  const m = (pick: (s: Sample) => number | undefined): number => median(samples.map(pick).filter((v): v is number => v !== undefined));
  const lines: string[] = [];
  let ok = true;
  const total = totalBytes(prep.files);
  lines.push(`data: ${prep.files.length} files, ${mb(total)}; median of ${samples.length} run(s); rclone from ${rclone ? 'PATH' : '— not on PATH, rows skipped'}`);
  lines.push('servers: updops serve (updops sync) and a node:http static server with listings (rclone, and updops sync "plain")');

  const u1 = m((s) => s.initial.updops.ms);
  const p1 = m((s) => s.initial.plain.ms);
  if (rclone) {
    const r1 = m((s) => s.initial.rclone?.ms);
    ok &&= u1 <= r1;
    lines.push(`(1) initial sync: updops ${sec(u1)} (${mb(total / (u1 / 1000))}/s, every byte sha256-verified) vs rclone ${sec(r1)} → ${ratio(u1, r1)} (target ≤ 1.0×); updops from the plain server ${sec(p1)} → ${ratio(p1, r1)}; requests updops ${m((s) => s.initial.updopsReq)}, rclone ${m((s) => s.initial.rcloneReq)}`);
  } else {
    lines.push(`(1) initial sync: updops ${sec(u1)}, from the plain server ${sec(p1)}; rclone skipped`);
  }

  const u2 = m((s) => s.noop.updops.ms);
  const u2req = m((s) => s.noop.updopsReq);
  ok &&= u2req === 1;
  if (rclone) {
    const r2 = m((s) => s.noop.rclone?.ms);
    ok &&= u2 <= r2;
    lines.push(`(2) no-op re-sync: updops ${sec(u2)}, ${u2req} request(s) vs rclone ${sec(r2)}, ${m((s) => s.noop.rcloneReq)} requests → ${ratio(u2, r2)} (target 2 requests, ≤ 1.0×); updops from the plain server ${sec(m((s) => s.noop.plain.ms))}, ${m((s) => s.noop.plainReq)} request(s)`);
  } else {
    lines.push(`(2) no-op re-sync: updops ${sec(u2)}, ${u2req} request(s) (target 1); rclone skipped`);
  }

  const diffs = m((s) => s.v2.diffsBytes);
  const full = m((s) => s.v2.fullBytes);
  ok &&= diffs <= 5 * prep.appended;
  const rcloneBytes = rclone ? `, rclone ${mb(m((s) => s.v2.rcloneBytes))}` : '';
  lines.push(`(3) ${CHANGED_FILES} files +1% (${mb(prep.appended)} appended): on the wire updops --diffs ${mb(diffs)} (${(diffs / prep.appended).toFixed(2)}× the change, target ≤ 5×, ${sec(m((s) => s.v2.diffs.ms))}), without diffs ${mb(full)} (${sec(m((s) => s.v2.full.ms))})${rcloneBytes}`);

  const rss = Math.max(...samples.map((s) => s.initial.updops.peakRss));
  const rssDiffs = Math.max(...samples.map((s) => s.v2.diffs.peakRss));
  ok &&= rss > 0 && rss < RSS_TARGET;
  const rcloneRss = rclone ? `; rclone ${mb(Math.max(...samples.map((s) => s.initial.rclone?.peakRss ?? 0)))}` : '';
  lines.push(`(4) peak RSS of updops sync: initial ${mb(rss)} (target < ${mb(RSS_TARGET)}), --diffs v2 ${mb(rssDiffs)}${rcloneRss}`);
  return { lines, ok };
}

export async function runSyncBench(): Promise<{ name: string; lines: string[]; ok: boolean }> {
  const scale = Number(process.env.UPDOPS_BENCH_SCALE ?? '1');
  const repeat = Math.max(1, Number(process.env.UPDOPS_BENCH_REPEAT ?? '3'));
  if (!(scale > 0)) throw new Error(`UPDOPS_BENCH_SCALE must be a positive number, got ${process.env.UPDOPS_BENCH_SCALE}`);
  const prep = await prepare(scale);
  const rclone = await hasCommand('rclone');
  const samples: Sample[] = [];
  for (let i = 0; i < repeat; i++) {
    samples.push(await oneSample(prep, rclone, i % 2 === 1));
    const last = samples.at(-1)!;
    const r = (run: TimedRun | undefined): string => (run ? `${(run.ms / 1000).toFixed(2)} s` : '—');
    log(`run ${i + 1}/${repeat} done: initial updops ${r(last.initial.updops)}, rclone ${r(last.initial.rclone)}${i % 2 === 1 ? ' (rclone first)' : ''}; no-op updops ${r(last.noop.updops)}, rclone ${r(last.noop.rclone)}`);
  }
  await rm(path.join(prep.cache, 'run'), { recursive: true, force: true });
  return { name: 'sync', ...report(samples, prep, rclone) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = await runSyncBench();
  for (const line of result.lines) process.stdout.write(`${line}\n`);
  process.stdout.write(`target: ${result.ok ? 'met' : 'MISSED'}\n`);
  process.exitCode = result.ok ? 0 : 1;
}
