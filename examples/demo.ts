/**
 * `npm run demo`: the whole product on one machine, in under a minute, leaving nothing running.
 * Publishes a small vendor repository with updops' own publisher, serves it on 127.0.0.1, makes
 * a temporary git config repo from examples/config pointed at it, then runs the real CLI:
 * validate → plan → apply → status; commits a new branch office and plans and applies again.
 * Then agents: `updops controller` on 127.0.0.1 port 0, the head office DP's agent serving its
 * repository on a free loopback port (its manifest address), two device agents in its group; the
 * endpoint Update task runs through them and `updops status` shows each device's freshness.
 * Every process is stopped (SIGTERM, waited for) before the working folder is removed.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateKeys } from '../src/repository/keys.js';
import { publishRepository } from '../src/repository/publish/index.js';
import { serveRepository } from '../src/repository/serve/index.js';
import { freeLoopbackPort as freePort, seededBytes as seeded } from '../test/helpers/loopback.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const keep = process.argv.includes('--keep');
const work = mkdtempSync(path.join(tmpdir(), 'updops-demo-'));

function banner(text: string): void {
  process.stdout.write(`\n\x1b[1m== ${text}\x1b[0m\n`);
}

function writeContent(dir: string, release: number): void {
  const put = (rel: string, bytes: Buffer | string): void => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), bytes);
  };
  // Deterministic "databases" and "modules": a few files of 10 KB to 1 MB.
  put('databases/kes/main.avc', seeded('main', 1024 * 1024));
  put('databases/kes/daily.avc', Buffer.concat([seeded('daily', 200 * 1024), Buffer.from(`release ${release}\n`)]));
  put('databases/kes/VERSION', `2026.11.${release}\n`);
  put('modules/kes/agent.bin', seeded('agent', 300 * 1024));
  put('modules/kes/VERSION', '12.1.0\n');
  put('components/ksc/server-patch.bin', seeded('server', 64 * 1024));
}

/** The head office DP and the two devices of its group that get agents. */
const DP = 'dp-hq-1';
const DEVICES = ['ws-hq-001', 'ws-hq-002'];
const UPDATE_TASK = 'Update databases and modules';
const TOKEN = 'demo-token-not-a-secret';
/** An agent's JSON log line saying it registered; the demo prints its message. */
const AGENT_READY = /"msg":"(agent [^"]*)"/;

function rewriteConfig(configDir: string, vendorUrl: string, nasDir: string, dpPort: number): void {
  const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  for (const file of files(configDir).filter((f) => f.endsWith('.yaml'))) {
    const text = readFileSync(file, 'utf8')
      .replace('https://updates.vendor.example/repository', vendorUrl)
      .replace('ftp://mirror.corp.example/updates', 'ftp://127.0.0.1:1/updates')
      .replace('/mnt/nas/updates', nasDir)
      .replace(`http://${DP}.corp.example:8080`, `http://127.0.0.1:${dpPort}`)
      .replace(/\/srv\/updops\//g, `${path.join(work, 'dps')}/`)
      .replace(/\$schema=\.\.\/\.\.\/\.\.\/schemas\//g, `$schema=${path.join(root, 'schemas')}/`);
    writeFileSync(file, text);
  }
}

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=updops demo', '-c', 'user.email=demo@updops.invalid', ...args], { cwd, stdio: 'ignore' });
}

/** A command line as a user would type it: the working folder as $DEMO, spaced words quoted. */
function shown(args: string[]): string {
  return args.map((a) => (/\s/.test(a) ? `"${a}"` : a)).join(' ').replaceAll(work, '$DEMO');
}

/** Runs the real CLI as a child process; asynchronously, because this process serves the vendor repository. */
function updops(...args: string[]): Promise<number> {
  process.stdout.write(`\n$ updops ${shown(args)}\n`);
  const child = spawn(process.execPath, [path.join(root, 'bin/updops.js'), ...args], {
    stdio: 'inherit',
    env: { ...process.env, FTP_CREDENTIALS: 'demo:not-a-real-secret', UPDOPS_TOKEN: TOKEN },
  });
  return new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1)));
}

/** A long-running CLI process (controller, agent): output kept, shown if the demo fails. */
interface Background {
  name: string;
  child: ChildProcess;
  output: () => string;
  /** Resolves with the first stdout line matching, or rejects when the process exits first. */
  line(pattern: RegExp, ms?: number): Promise<RegExpExecArray>;
  stop(): Promise<number | null>;
}
const background: Background[] = [];

function startBackground(name: string, ...args: string[]): Background {
  process.stdout.write(`\n$ updops ${shown(args)} &\n`);
  const child = spawn(process.execPath, [path.join(root, 'bin/updops.js'), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, UPDOPS_TOKEN: TOKEN },
  });
  let stdout = '';
  let all = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => ((stdout += s), (all += s)));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (all += s));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ? null : code)));
  const proc: Background = {
    name,
    child,
    output: () => all,
    line: (pattern, ms = 20_000) =>
      new Promise((resolve, reject) => {
        const until = Date.now() + ms;
        const check = (): void => {
          const match = pattern.exec(stdout);
          if (match) return resolve(match);
          if (child.exitCode !== null || child.signalCode !== null) return reject(new Error(`${name} exited (${child.exitCode ?? child.signalCode}) before printing ${pattern}\n${all}`));
          if (Date.now() > until) return reject(new Error(`${name} did not print ${pattern} within ${ms / 1000} s\n${all}`));
          setTimeout(check, 25);
        };
        check();
      }),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
  background.push(proc);
  return proc;
}

/** SIGTERM to every background process, agents before the controller; SIGKILL after 10 s. */
async function stopBackground(): Promise<number[]> {
  const codes: number[] = [];
  for (const proc of background.slice().reverse()) {
    const killer = setTimeout(() => proc.child.kill('SIGKILL'), 10_000);
    const code = await proc.stop();
    clearTimeout(killer);
    codes.push(code ?? 1);
  }
  background.length = 0;
  return codes;
}

async function waitFor(what: string, check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}\n${background.map((p) => `--- ${p.name}\n${p.output()}`).join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface ApiStatus {
  devices?: { name: string; freshness: string | null; databaseVersion: string | null }[];
}

async function apiStatus(url: string): Promise<ApiStatus> {
  const response = await fetch(`${url}/api/status`, { headers: { authorization: `Bearer ${TOKEN}` } });
  if (!response.ok) throw new Error(`GET /api/status: ${response.status}`);
  return (await response.json()) as ApiStatus;
}

function expect(code: number, allowed: number[], what: string): void {
  if (!allowed.includes(code)) throw new Error(`${what} exited ${code}`);
}

const NEW_BRANCH = `# yaml-language-server: $schema=${path.join(root, 'schemas')}/group.json
apiVersion: updops/v1
kind: Group
metadata: {name: hamburg-harbour}
spec:
  parent: head-office
  description: New branch office at the harbour
  distributionPoints:
    - {name: dp-harbour-1, os: windows, repository: ${path.join(work, 'dps', 'harbour')}}
  devices:
    - {name: ws-harbour-001, os: windows, license: {expires: 2027-12-31}}
---
apiVersion: updops/v1
kind: Task
metadata: {name: Download updates for the harbour}
spec:
  type: DownloadUpdatesToDistributionPoints
  scope: {group: hamburg-harbour}
  settings: {sources: [vendor], downloadDiffFiles: true}
  schedule: {kind: everyDays, every: 1, timeZone: Europe/Berlin}
`;

async function main(): Promise<void> {
  const started = Date.now();
  banner(`Publishing a vendor repository (working folder ${work})`);
  const content = path.join(work, 'content');
  writeContent(content, 1);
  await generateKeys(path.join(work, 'keys'));
  const vendorRepo = path.join(work, 'vendor-repo');
  const published = await publishRepository({ contentDir: content, repoDir: vendorRepo, keysDir: path.join(work, 'keys'), legacy: 'with', deltas: 2 });
  process.stdout.write(`published v${published.version}: ${published.targets} targets\n`);
  const nas = path.join(work, 'nas');
  await publishRepository({ contentDir: content, repoDir: nas, keysDir: path.join(work, 'keys'), legacy: 'only' });
  const server = await serveRepository({ root: vendorRepo, host: '127.0.0.1', port: 0 });
  const dpPort = await freePort();
  process.stdout.write(`vendor repository served on ${server.url}\n`);
  try {
    banner('Making a config repository from examples/config');
    const config = path.join(work, 'config');
    cpSync(path.join(root, 'examples/config'), config, { recursive: true });
    rewriteConfig(config, server.url, nas, dpPort);
    mkdirSync(path.join(config, 'keys'), { recursive: true });
    // The DPs' shared folder is mounted: a DP whose folder's parent is missing is "not visible" and skipped.
    mkdirSync(path.join(work, 'dps'), { recursive: true });
    cpSync(path.join(vendorRepo, 'metadata', '1.root.json'), path.join(config, 'keys', 'vendor-root.json'));
    git(config, 'init', '-q', '-b', 'main');
    git(config, 'add', '.');
    git(config, 'commit', '-q', '-m', 'Initial config');
    const state = path.join(work, 'state.db');
    const common = ['--config', config, '--ref', 'main', '--state', state];

    banner('validate → plan → apply → status');
    expect(await updops('validate', config), [0], 'validate');
    expect(await updops('plan', ...common, '--detailed-exitcode'), [2], 'first plan');
    expect(await updops('apply', ...common, '--auto-approve'), [0], 'first apply');
    expect(await updops('status', '--state', state), [0], 'status');
    expect(await updops('plan', ...common, '--detailed-exitcode'), [0], 'plan after apply (no changes)');

    banner('A new branch office is committed');
    writeFileSync(path.join(config, 'groups', 'hamburg-harbour.yaml'), NEW_BRANCH);
    git(config, 'add', '.');
    git(config, 'commit', '-q', '-m', 'Add the harbour branch office');
    expect(await updops('plan', ...common, '--detailed-exitcode'), [2], 'second plan');
    expect(await updops('apply', ...common, '--auto-approve'), [0], 'second apply');
    expect(await updops('history', '--state', state), [0], 'history');

    banner(`Agents: a controller, the DP agent of ${DP} and two devices of its group`);
    const controller = startBackground('controller', 'controller', ...common, '--listen', '127.0.0.1:0', '--log-level', 'warn');
    const url = (await controller.line(/controller listening on (http[^\s"]+)/))[1]!;
    process.stdout.write(`controller listening on ${url}\n`);
    const agentArgs = (name: string): string[] => ['agent', '--controller', url, '--name', name, '--root', path.join(work, 'agents', name), '--heartbeat', '1s'];
    const dp = startBackground(DP, ...agentArgs(DP));
    process.stdout.write(`${(await dp.line(AGENT_READY))[1]}\n`);
    const devices = DEVICES.map((name) => startBackground(name, ...agentArgs(name)));
    for (const device of devices) process.stdout.write(`${(await device.line(AGENT_READY))[1]}\n`);

    const vendorBefore = server.stats.requests;
    expect(await updops('run', UPDATE_TASK, '--wait', '--controller', url, '--interval', '200'), [0], `run "${UPDATE_TASK}"`);
    const dpUrl = /serving \S+ on (http[^\s"]+)/.exec(dp.output())?.[1] ?? '?';
    for (const device of devices) {
      const done = /run \S+: (completed|failed)[^\n"]*/.exec(device.output());
      process.stdout.write(`${device.name}: ${done?.[0] ?? 'no run'}\n`);
    }
    const vendorRequests = server.stats.requests - vendorBefore;
    process.stdout.write(`sources [distributionPoint, vendor]: the devices updated from ${DP} at ${dpUrl}; the vendor answered ${vendorRequests} requests during the run\n`);
    if (vendorRequests > 0) throw new Error('the devices fell back to the vendor: their DP did not serve them');
    // The next heartbeat carries the installed database version and freshness.
    await waitFor('the devices to report their databases', async () => {
      const report = await apiStatus(url);
      return DEVICES.every((name) => report.devices?.some((d) => d.name === name && d.databaseVersion && d.freshness === 'upToDate'));
    });
    expect(await updops('status', '--state', state), [0], 'status with agents');

    banner('Stopping the agents and the controller');
    const codes = await stopBackground();
    process.stdout.write(`all ${codes.length} processes exited (${codes.join(', ')})\n`);
    if (codes.some((c) => c !== 0)) throw new Error(`a background process exited ${codes.join(', ')}`);
    banner(`Demo finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await stopBackground();
    await server.close();
    if (keep) process.stdout.write(`kept ${work}\n`);
    else rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  if (!keep) rmSync(work, { recursive: true, force: true });
  process.exitCode = 1;
});
