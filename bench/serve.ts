/**
 * Serve benchmark (docs/design.md 3 "Serving"): `updops serve` against nginx on the same folder,
 * both with one worker process per core, under wrk with 1,000 keep-alive connections, in one run.
 * Two rows: a 10 KiB file (metadata-sized: per-request cost and fairness between connections) and
 * a 1 MiB file (a target: the sendfile path). Each row runs wrk against both servers in turns
 * (ABBA order, so load from elsewhere on a shared machine weighs on both alike) and reports the
 * medians of the pairs' ratios.
 * Targets: 10 KiB ≥ 0.8× nginx's requests/s with p99 ≤ 3× nginx's; 1 MiB ≥ 1.0× with p99 ≤ 1.5×;
 * 0 errors (wrk socket errors, timeouts included, and non-2xx) on either server.
 * Run: `npm run build && node --import tsx bench/serve.ts` or `npm run bench -- serve`.
 * `UPDOPS_BENCH_REPEAT` (default 3) sets the pairs per row, `UPDOPS_BENCH_SERVE_SECONDS` (default 15)
 * each wrk run, `UPDOPS_BENCH_WORKERS` both servers' processes (default: the number of cores),
 * `UPDOPS_BENCH_BIN` another build's CLI (before/after). Needs the Debian packages nginx and wrk:
 * without them the bench says so and is skipped.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { startNginx } from '../test/helpers/nginx.js';
import { onPath, startServer } from './helpers/proc.js';
import { RAISE_NOFILE, runWrk } from './helpers/wrk.js';
import type { WrkFigures } from './helpers/wrk.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const updopsBin = path.resolve(process.env.UPDOPS_BENCH_BIN ?? path.join(repoRoot, 'bin', 'updops.js'));
const CONNECTIONS = 1000;
const WRK_THREADS = 2;

interface Row {
  name: string;
  file: string;
  bytes: number;
  /** At least this share of nginx's requests/s … */
  minRate: number;
  /** … with a p99 latency at most this multiple of nginx's. */
  maxP99: number;
}

const ROWS: Row[] = [
  { name: '10 KiB', file: 'small.bin', bytes: 10 * 1024, minRate: 0.8, maxP99: 3 },
  { name: '1 MiB', file: 'large.bin', bytes: 1024 * 1024, minRate: 1.0, maxP99: 1.5 },
];

interface Pair {
  ours: WrkFigures;
  nginx: WrkFigures;
}

const log = (line: string): void => {
  process.stderr.write(`  [serve bench] ${line}\n`);
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const ms = (v: number): string => (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(1)} ms`);
const short = (f: WrkFigures): string => `${f.requestsPerSec.toFixed(0)} req/s, p99 ${ms(f.p99Ms)}, errors ${f.socketErrors + f.non2xx}`;

function report(row: Row, pairs: Pair[]): { line: string; ok: boolean } {
  const rate = median(pairs.map((p) => p.ours.requestsPerSec / p.nginx.requestsPerSec));
  const p99 = median(pairs.map((p) => p.ours.p99Ms / p.nginx.p99Ms));
  const errors = (pick: (p: Pair) => WrkFigures): number => pairs.reduce((n, p) => n + pick(p).socketErrors + pick(p).non2xx, 0);
  const oursErrors = errors((p) => p.ours);
  const nginxErrors = errors((p) => p.nginx);
  const ok = rate >= row.minRate && p99 <= row.maxP99 && oursErrors === 0 && nginxErrors === 0;
  const m = (pick: (p: Pair) => number): number => median(pairs.map(pick));
  const line =
    `${row.name}: updops ${m((p) => p.ours.requestsPerSec).toFixed(0)} req/s, p99 ${ms(m((p) => p.ours.p99Ms))}` +
    ` vs nginx ${m((p) => p.nginx.requestsPerSec).toFixed(0)} req/s, p99 ${ms(m((p) => p.nginx.p99Ms))}` +
    ` → ${rate.toFixed(2)}× requests/s (target ≥ ${row.minRate.toFixed(1)}×), p99 ${p99.toFixed(2)}× (target ≤ ${row.maxP99}×);` +
    ` errors updops ${oursErrors}, nginx ${nginxErrors} (target 0)`;
  return { line, ok };
}

export async function runServeBench(): Promise<{ name: string; lines: string[]; ok: boolean }> {
  const repeat = Math.max(1, Number(process.env.UPDOPS_BENCH_REPEAT ?? '3'));
  const seconds = Math.max(1, Number(process.env.UPDOPS_BENCH_SERVE_SECONDS ?? '15'));
  const workers = Math.max(1, Number(process.env.UPDOPS_BENCH_WORKERS ?? availableParallelism()));
  const missing: string[] = [];
  for (const cmd of ['nginx', 'wrk']) if (!(await onPath(cmd))) missing.push(cmd);
  if (missing.length > 0) {
    return { name: 'serve', lines: [`skipped: ${missing.join(' and ')} not installed (Debian packages: apt-get install -y nginx wrk)`], ok: true };
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'updops-bench-serve-'));
  const root = path.join(dir, 'root');
  await mkdir(root, { recursive: true });
  for (const row of ROWS) await writeFile(path.join(root, row.file), randomBytes(row.bytes));

  const args = [updopsBin, 'serve', root, '--listen', '127.0.0.1:0', '--workers', String(workers)];
  const updops = await startServer('bash', ['-c', `${RAISE_NOFILE} && exec "$0" "$@"`, process.execPath, ...args], repoRoot);
  const nginx = await startNginx(path.join(dir, 'nginx'), root, workers, `/${ROWS[0]!.file}`).catch(async (error: unknown) => {
    await updops.stop();
    throw error;
  });
  const lines = [
    `wrk -t ${WRK_THREADS} -c ${CONNECTIONS} -d ${seconds}s, keep-alive, one file per row; ${workers} worker process(es) each (updops serve --workers ${workers}, nginx worker_processes ${workers}) on ${availableParallelism()} core(s); median of ${repeat} pair(s), ABBA order`,
  ];
  let ok = true;
  try {
    for (const row of ROWS) {
      const pairs: Pair[] = [];
      for (let i = 0; i < repeat; i++) {
        const wrk = (url: string): Promise<WrkFigures> => runWrk(`${url}/${row.file}`, { connections: CONNECTIONS, seconds, threads: WRK_THREADS });
        // Let the previous run's 1,000 sockets leave TIME_WAIT behind before the next starts.
        const one = async (url: string): Promise<WrkFigures> => {
          await sleep(1000);
          return wrk(url);
        };
        let ours: WrkFigures;
        let theirs: WrkFigures;
        if (i % 2 === 0) {
          ours = await one(updops.url);
          theirs = await one(nginx.url);
        } else {
          theirs = await one(nginx.url);
          ours = await one(updops.url);
        }
        pairs.push({ ours, nginx: theirs });
        log(`${row.name} pair ${i + 1}/${repeat}: updops ${short(ours)}; nginx ${short(theirs)}`);
      }
      const result = report(row, pairs);
      lines.push(result.line);
      ok &&= result.ok;
    }
  } finally {
    await updops.stop();
    await nginx.stop();
    await rm(dir, { recursive: true, force: true });
  }
  return { name: 'serve', lines, ok };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = await runServeBench();
  for (const line of result.lines) process.stdout.write(`${line}\n`);
  process.stdout.write(`target: ${result.ok ? 'met' : 'MISSED'}\n`);
  process.exitCode = result.ok ? 0 : 1;
}
