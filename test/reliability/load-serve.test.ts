/**
 * Load (docs/design.md 3 "Serving … with Range … keep-alive"): `updops serve` as its own process, a
 * folder of 1 MB files, hammered by wrk with 1,000 concurrent connections on loopback for
 * UPDOPS_LOAD_SECONDS (default 60; .ci/run sets 15) with a Lua script mixing full GETs and
 * Range requests. Zero errors (socket errors, non-2xx) is asserted; p99 latency and throughput
 * are printed; then nginx serves the same folder to the same wrk command and the throughput ratio
 * is printed (asserted ≥ 0.8 only with UPDOPS_LOAD_ASSERT_RATIO=1).
 *
 * Socket errors of any kind (wrk's 10 s timeouts included) and non-2xx answers fail the test.
 * The two servers take turns in ~10 s slices (ABBA), so load from elsewhere (other test files
 * in CI) weighs on both alike. The ratio is still asserted only with UPDOPS_LOAD_ASSERT_RATIO=1:
 * a shared 2-core machine can starve either side for a whole slice. Broken variant: `UPDOPS_SERVE_NO_SENDFILE=1` (bodies
 * through user space, as before sendfile) measured 0.63× with p99 5.1 s, which that assertion
 * fails; before the in-memory cache and one process per core it also gave wrk timeouts.
 *
 * Needs the Debian packages wrk and nginx; without them the test is skipped with the reason
 * (.ci/run installs them). Nothing is installed from here.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import t from 'tap';
import { blob } from '../repository/helpers/sync-fixture.js';
import { RAISE_NOFILE, tempDir } from './helpers/common.js';
import { startNginx } from '../helpers/nginx.js';
import { startServe } from './helpers/serve-process.js';

const SECONDS = Number(process.env.UPDOPS_LOAD_SECONDS ?? 60);
const CONNECTIONS = 1000;
const FILES = 16;
const FILE_BYTES = 1024 * 1024;
const ASSERT_RATIO = process.env.UPDOPS_LOAD_ASSERT_RATIO === '1';
/** Each server's share of the run is cut into slices of about this length, taken in turns. */
const SLICE_SECONDS = 10;

t.setTimeout((SECONDS * 2 + 120) * 1000);

function which(cmd: string): string | undefined {
  const res = spawnSync('bash', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return res.status === 0 ? res.stdout.trim() : undefined;
}

/** Full GETs of 1 MB files and `Range` requests of 64 KiB (one in three), spread over every file. */
const LUA = `
local n = 0
local files = ${FILES}
request = function()
  n = n + 1
  local p = "/files/f" .. (n % files) .. ".bin"
  if n % 3 == 0 then
    local start = (n * 7919) % ${FILE_BYTES - 65536}
    return wrk.format("GET", p, { ["Range"] = "bytes=" .. start .. "-" .. (start + 65535) })
  end
  return wrk.format("GET", p)
end
`;

export interface WrkFigures {
  requests: number;
  requestsPerSec: number;
  bytesPerSec: number;
  p99Ms: number;
  socketErrors: number;
  /** wrk's own line, e.g. `connect 0, read 0, write 0, timeout 282` (timeout: no answer within --timeout 10s). */
  socketDetail: string;
  non2xx: number;
}

const UNITS: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 };
const msOf = (value: string, unit: string): number => Number(value) * (unit === 'us' ? 0.001 : unit === 's' ? 1000 : unit === 'm' ? 60_000 : 1);

/** Reads wrk's text report (with --latency). */
export function parseWrk(out: string): WrkFigures {
  const p99 = /^\s+99%\s+([\d.]+)(us|ms|s|m)\s*$/m.exec(out);
  const transfer = /Transfer\/sec:\s+([\d.]+)(B|KB|MB|GB|TB)/.exec(out);
  const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  return {
    requests: Number(/(\d+) requests in/.exec(out)?.[1] ?? NaN),
    requestsPerSec: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN),
    bytesPerSec: transfer ? Number(transfer[1]) * (UNITS[transfer[2]!] ?? NaN) : NaN,
    p99Ms: p99 ? msOf(p99[1]!, p99[2]!) : NaN,
    socketErrors: sock ? Number(sock[1]) + Number(sock[2]) + Number(sock[3]) + Number(sock[4]) : 0,
    socketDetail: sock ? `connect ${sock[1]}, read ${sock[2]}, write ${sock[3]}, timeout ${sock[4]}` : 'none',
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0),
  };
}

function runWrk(url: string, script: string, seconds: number): Promise<{ out: string; figures: WrkFigures }> {
  return new Promise((resolve, reject) => {
    const cmd = `${RAISE_NOFILE} && exec wrk -t 2 -c ${CONNECTIONS} -d ${seconds}s --timeout 10s --latency -s "$0" "$1"`;
    const child = spawn('bash', ['-c', cmd, script, url], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (out += s));
    const timer = setTimeout(() => child.kill('SIGKILL'), (seconds + 60) * 1000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`wrk exited ${code}: ${out}`));
      else resolve({ out, figures: parseWrk(out) });
    });
  });
}

/** Slices of equal length, summed: rates averaged, p99 the worst slice's, errors added up. */
export function combine(slices: WrkFigures[]): WrkFigures {
  const mean = (pick: (f: WrkFigures) => number): number => slices.reduce((n, f) => n + pick(f), 0) / slices.length;
  const sum = (pick: (f: WrkFigures) => number): number => slices.reduce((n, f) => n + pick(f), 0);
  return {
    requests: sum((f) => f.requests),
    requestsPerSec: mean((f) => f.requestsPerSec),
    bytesPerSec: mean((f) => f.bytesPerSec),
    p99Ms: Math.max(...slices.map((f) => f.p99Ms)),
    socketErrors: sum((f) => f.socketErrors),
    socketDetail: slices.map((f) => f.socketDetail).join('; '),
    non2xx: sum((f) => f.non2xx),
  };
}

const human = (f: WrkFigures): string =>
  `${f.requests} requests, ${f.requestsPerSec.toFixed(0)} req/s, ${(f.bytesPerSec / 1024 ** 2).toFixed(0)} MiB/s, p99 ${f.p99Ms.toFixed(0)} ms, socket errors ${f.socketErrors} (${f.socketDetail}), non-2xx ${f.non2xx}`;


void t.test(`updops serve vs nginx: ${CONNECTIONS} connections, ${FILES} × 1 MB files, GET + Range, ${SECONDS} s each`, async (t) => {
  const missing = ['wrk', 'nginx'].filter((cmd) => !which(cmd));
  if (missing.length > 0) {
    t.comment(`load: SKIPPED — ${missing.join(' and ')} not installed (Debian packages; .ci/run installs them: apt-get install -y wrk nginx)`);
    t.pass('load test skipped', { skip: `${missing.join(', ')} not installed` });
    return;
  }
  const dir = tempDir(t, 'load');
  const root = path.join(dir, 'root');
  mkdirSync(path.join(root, 'files'), { recursive: true });
  for (let i = 0; i < FILES; i++) writeFileSync(path.join(root, 'files', `f${i}.bin`), blob(FILE_BYTES, i + 1));
  const script = path.join(dir, 'mix.lua');
  writeFileSync(script, LUA);

  const serve = await startServe(root, { raiseNofile: true });
  t.teardown(() => serve.stop());
  const probe = await fetch(`${serve.url}/files/f1.bin`, { headers: { range: 'bytes=10-19' } });
  t.equal(probe.status, 206, 'updops serve answers Range with 206');
  t.same(Buffer.from(await probe.arrayBuffer()), blob(FILE_BYTES, 2).subarray(10, 20), 'with the right bytes');
  const nginx = await startNginx(path.join(dir, 'nginx'), root, 'auto', '/files/f0.bin');
  t.teardown(() => nginx.stop());
  // Both servers take turns in slices of ~10 s (ABBA order), so whatever else the machine runs
  // meanwhile (other test files in CI) weighs on both alike, not on one half of the comparison.
  const slices = Math.max(1, Math.round(SECONDS / SLICE_SECONDS));
  const sliceSeconds = Math.max(1, Math.round(SECONDS / slices));
  const oursSlices: WrkFigures[] = [];
  const theirsSlices: WrkFigures[] = [];
  for (let i = 0; i < slices; i++) {
    const runOurs = async (): Promise<void> => void oursSlices.push((await runWrk(serve.url, script, sliceSeconds)).figures);
    const runTheirs = async (): Promise<void> => void theirsSlices.push((await runWrk(nginx.url, script, sliceSeconds)).figures);
    if (i % 2 === 0) await runOurs().then(runTheirs);
    else await runTheirs().then(runOurs);
  }
  await serve.stop();
  await nginx.stop();
  const ours = { figures: combine(oursSlices) };
  const theirs = { figures: combine(theirsSlices) };
  t.comment(`load: ${slices} alternating slices of ${sliceSeconds} s each`);
  t.comment(`load updops serve: ${human(ours.figures)}`);
  t.ok(ours.figures.requests > 0, 'wrk made requests');
  t.equal(ours.figures.socketErrors, 0, `updops serve: no socket errors, no request over wrk's 10 s timeout (${ours.figures.socketDetail})`);
  t.equal(ours.figures.non2xx, 0, 'updops serve: no non-2xx responses');
  t.comment(`load nginx:        ${human(theirs.figures)}`);
  t.equal(theirs.figures.socketErrors + theirs.figures.non2xx, 0, 'nginx (the baseline) had no errors either');
  const ratio = ours.figures.bytesPerSec / theirs.figures.bytesPerSec;
  t.comment(`load ratio: updops serve / nginx throughput = ${ratio.toFixed(2)}× (goal ≥ 0.8×; asserted only with UPDOPS_LOAD_ASSERT_RATIO=1)`);
  if (ASSERT_RATIO) t.ok(ratio >= 0.8, `throughput ratio ${ratio.toFixed(2)} ≥ 0.8`);
});

void t.test('the load check can fail: a wrk report with errors is read as errors', async (t) => {
  const broken = `Running 1s test @ http://127.0.0.1:1
  Latency Distribution
     50%   10.00ms
     99%    1.50s
  120 requests in 1.00s, 120.00MB read
  Socket errors: connect 0, read 3, write 0, timeout 7
  Non-2xx or 3xx responses: 5
Requests/sec:    120.00
Transfer/sec:    120.00MB
`;
  t.same(parseWrk(broken), { requests: 120, requestsPerSec: 120, bytesPerSec: 120 * 1024 ** 2, p99Ms: 1500, socketErrors: 10, socketDetail: 'connect 0, read 3, write 0, timeout 7', non2xx: 5 }, 'socket errors and non-2xx are counted, so the zero-error assertions would fail');
  const clean = { requests: 200, requestsPerSec: 200, bytesPerSec: 200 * 1024 ** 2, p99Ms: 300, socketErrors: 0, socketDetail: 'none', non2xx: 0 };
  t.match(combine([clean, parseWrk(broken), clean]), { requests: 520, socketErrors: 10, non2xx: 5, p99Ms: 1500 }, 'one bad slice among clean ones still fails the check');
});
