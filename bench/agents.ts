/**
 * Agents benchmark (docs/design.md 4 `updops agent`; 3 "Serving"): one DP agent — a real
 * `updops agent` process registered with a real `updops controller` — serves a published
 * repository (~2 MB of databases) to 500 simulated devices that all update at once (no
 * randomized delay) over loopback. A simulated device is one `runUpdateTask` call in this
 * process with its own temporary root and the DP's address as its only source, exactly what a
 * device agent runs for an assignment. The same 500 updates then run against `updops serve`
 * alone (a separate `node bin/updops.js serve --workers 1` process: one event loop, like the
 * agent) serving the same folder.
 * Reported: failed runs (target: 0), total time, and each server's throughput in MB/s and
 * requests/s. Requests and response bytes are counted at the client (every node:http request
 * this process makes to the server, Content-Length of each answer).
 * Run: `npm run build && node --import tsx bench/agents.ts` or `npm run bench -- agents`.
 * `UPDOPS_BENCH_DEVICES` (default 500) changes the number of devices.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateKeys } from '../src/repository/keys.js';
import { publishRepository } from '../src/repository/publish/index.js';
import { runUpdateTask } from '../src/endpoint/index.js';
import { freeLoopbackPort as freePort, seededBytes as seeded } from '../test/helpers/loopback.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(repoRoot, 'bin', 'updops.js');
const DEVICES = Number(process.env.UPDOPS_BENCH_DEVICES ?? 500);
const TOKEN = 'bench-token';

const log = (line: string): void => {
  process.stderr.write(`  [agents bench] ${line}\n`);
};

interface Proc {
  child: ChildProcess;
  line(pattern: RegExp, ms?: number): Promise<RegExpExecArray>;
  stop(): Promise<void>;
}

function start(args: string[]): Proc {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, UPDOPS_TOKEN: TOKEN } });
  let out = '';
  let all = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => ((out += s), (all += s)));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (all += s));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    line: (pattern, ms = 30_000) =>
      new Promise((resolve, reject) => {
        const until = Date.now() + ms;
        const check = (): void => {
          const m = pattern.exec(out);
          if (m) return resolve(m);
          if (child.exitCode !== null || child.signalCode !== null || Date.now() > until) return reject(new Error(`updops ${args[0]}: no ${pattern}\n${all}`));
          setTimeout(check, 25);
        };
        check();
      }),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** Counts this process's node:http requests to one port, and the bytes their answers declared. */
function countRequests(port: number): { requests: number; bytes: number; restore(): void } {
  const original = http.request;
  const counter = { requests: 0, bytes: 0, restore: () => void (http.request = original) };
  http.request = ((...args: Parameters<typeof http.request>) => {
    const req = original(...args);
    const target = args[0] as URL | string | http.RequestOptions;
    const targetPort = target instanceof URL ? Number(target.port) : typeof target === 'string' ? Number(new URL(target).port) : Number(target.port);
    if (targetPort === port) {
      counter.requests++;
      req.once('response', (res) => (counter.bytes += Number(res.headers['content-length'] ?? 0)));
    }
    return req;
  }) as typeof http.request;
  return counter;
}

interface Phase {
  label: string;
  failed: number;
  firstFailure?: string;
  seconds: number;
  requests: number;
  bytes: number;
}

async function updateAll(label: string, url: string, port: number, work: string, trustRoot: string): Promise<Phase> {
  const counter = countRequests(port);
  const roots = Array.from({ length: DEVICES }, (_, i) => path.join(work, label, `dev-${i}`));
  const started = process.hrtime.bigint();
  try {
    const results = await Promise.all(
      roots.map((root, i) =>
        runUpdateTask({
          root,
          device: { name: `dev-${i}`, license: { expires: '2099-12-31' } },
          sources: [{ url, name: 'dp-1' }],
          settings: { applicationUpdateMode: 'disabled' },
          now: new Date(),
          trustRoot,
        }).catch((error: unknown) => ({ status: 'failed' as const, reason: error instanceof Error ? error.message : String(error) })),
      ),
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const failures = results.filter((r) => r.status !== 'completed');
    return { label, failed: failures.length, ...(failures[0] ? { firstFailure: failures[0].reason ?? 'failed' } : {}), seconds, requests: counter.requests, bytes: counter.bytes };
  } finally {
    counter.restore();
    rmSync(path.join(work, label), { recursive: true, force: true });
  }
}

function line(p: Phase): string {
  const mb = p.bytes / 1e6;
  return `${p.label}: ${DEVICES} devices, ${p.failed} failed, ${p.seconds.toFixed(2)} s; ${p.requests} requests, ${mb.toFixed(0)} MB → ${(mb / p.seconds).toFixed(1)} MB/s, ${(p.requests / p.seconds).toFixed(0)} requests/s`;
}

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@updops.invalid', ...args], { cwd, stdio: 'ignore' });
}

export async function runAgentsBench(): Promise<{ name: string; lines: string[]; ok: boolean }> {
  const work = mkdtempSync(path.join(tmpdir(), 'updops-agents-bench-'));
  const procs: Proc[] = [];
  try {
    // A published repository: ~2 MB of databases.
    const content = path.join(work, 'content');
    const put = (rel: string, bytes: Buffer | string): void => {
      mkdirSync(path.dirname(path.join(content, rel)), { recursive: true });
      writeFileSync(path.join(content, rel), bytes);
    };
    put('databases/kes/main.avc', seeded('main', 1536 * 1024));
    put('databases/kes/daily.avc', seeded('daily', 384 * 1024));
    put('databases/kes/extra.avc', seeded('extra', 128 * 1024));
    put('databases/kes/VERSION', '2026.11.1\n');
    const keys = path.join(work, 'keys');
    await generateKeys(keys);
    const repo = path.join(work, 'repo');
    await publishRepository({ contentDir: content, repoDir: repo, keysDir: keys });
    const trustRoot = path.join(repo, 'metadata', '1.root.json');

    // A controller that knows the DP, and the DP's agent serving `repo` on its address.
    const dpPort = await freePort();
    const config = path.join(work, 'config');
    mkdirSync(path.join(config, 'keys'), { recursive: true });
    copyFileSync(trustRoot, path.join(config, 'keys', 'vendor-root.json'));
    writeFileSync(
      path.join(config, 'config.yaml'),
      `apiVersion: updops/v1
kind: UpdateSource
metadata: {name: vendor}
spec: {type: vendor, url: "http://127.0.0.1:${dpPort}", trustRoot: keys/vendor-root.json}
---
apiVersion: updops/v1
kind: Group
metadata: {name: office}
spec:
  distributionPoints:
    - {name: dp-1, os: windows, repository: "${repo}", address: "http://127.0.0.1:${dpPort}"}
  devices:
    - {name: dev-0, os: windows, license: {expires: 2099-12-31}}
`,
    );
    git(config, 'init', '-q', '-b', 'main');
    git(config, 'add', '.');
    git(config, 'commit', '-q', '-m', 'bench');
    const state = path.join(work, 'state.db');
    execFileSync(process.execPath, [BIN, 'apply', '--config', config, '--ref', 'main', '--state', state, '--auto-approve'], { cwd: work, stdio: 'ignore' });
    const controller = start(['controller', '--config', config, '--ref', 'main', '--state', state, '--listen', '127.0.0.1:0', '--log-level', 'warn']);
    procs.push(controller);
    const controllerUrl = (await controller.line(/controller listening on (http[^\s"]+)/))[1]!;
    const dp = start(['agent', '--controller', controllerUrl, '--name', 'dp-1', '--root', path.join(work, 'dp-agent'), '--heartbeat', '5s']);
    procs.push(dp);
    const dpUrl = (await dp.line(/serving (http[^\s"]+)/))[1]!;
    log(`DP agent serving ${dpUrl}; ${DEVICES} devices updating at once`);
    const agentPhase = await updateAll('DP agent', dpUrl, dpPort, work, trustRoot);
    log(line(agentPhase));
    await dp.stop();
    await controller.stop();

    const serve = start(['serve', repo, '--listen', '127.0.0.1:0', '--workers', '1']);
    procs.push(serve);
    const serveUrl = (await serve.line(/serving \S+ on (http\S+)/))[1]!;
    log(`updops serve on ${serveUrl}; ${DEVICES} devices updating at once`);
    const servePhase = await updateAll('updops serve', serveUrl, Number(new URL(serveUrl).port), work, trustRoot);
    log(line(servePhase));
    await serve.stop();

    const lines = [line(agentPhase), line(servePhase), `DP agent time / updops serve time: ${(agentPhase.seconds / servePhase.seconds).toFixed(2)}×`];
    for (const p of [agentPhase, servePhase]) if (p.firstFailure) lines.push(`${p.label} first failure: ${p.firstFailure}`);
    return { name: 'agents', lines, ok: agentPhase.failed === 0 && servePhase.failed === 0 };
  } finally {
    for (const p of procs) await p.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = await runAgentsBench();
  for (const l of result.lines) process.stdout.write(`${l}\n`);
  process.stdout.write(`target (0 failed runs): ${result.ok ? 'met' : 'MISSED'}\n`);
  process.exitCode = result.ok ? 0 : 1;
}
