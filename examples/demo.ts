/**
 * `npm run demo`: the whole product on one machine, in under a minute, leaving nothing running.
 * Publishes a small vendor repository with updops' own publisher, serves it on 127.0.0.1, makes
 * a temporary git config repo from examples/config pointed at it, then runs the real CLI:
 * validate → plan → apply → status; commits a new branch office and plans and applies again.
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateKeys } from '../src/repository/keys.js';
import { publishRepository } from '../src/repository/publish/index.js';
import { serveRepository } from '../src/repository/serve/index.js';

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
  const seeded = (seed: string, size: number): Buffer => {
    const out = Buffer.alloc(size);
    let state = [...seed].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
    for (let i = 0; i < size; i++) {
      state = (state * 1103515245 + 12345) >>> 0;
      out[i] = state >>> 24;
    }
    return out;
  };
  put('databases/kes/main.avc', seeded('main', 1024 * 1024));
  put('databases/kes/daily.avc', Buffer.concat([seeded('daily', 200 * 1024), Buffer.from(`release ${release}\n`)]));
  put('databases/kes/VERSION', `2026.11.${release}\n`);
  put('modules/kes/agent.bin', seeded('agent', 300 * 1024));
  put('modules/kes/VERSION', '12.1.0\n');
  put('components/ksc/server-patch.bin', seeded('server', 64 * 1024));
}

function rewriteConfig(configDir: string, vendorUrl: string, nasDir: string): void {
  const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
  for (const file of files(configDir).filter((f) => f.endsWith('.yaml'))) {
    const text = readFileSync(file, 'utf8')
      .replace('https://updates.vendor.example/repository', vendorUrl)
      .replace('ftp://mirror.corp.example/updates', 'ftp://127.0.0.1:1/updates')
      .replace('/mnt/nas/updates', nasDir)
      .replace(/\/srv\/updops\//g, `${path.join(work, 'dps')}/`)
      .replace(/\$schema=\.\.\/\.\.\/\.\.\/schemas\//g, `$schema=${path.join(root, 'schemas')}/`);
    writeFileSync(file, text);
  }
}

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=updops demo', '-c', 'user.email=demo@updops.invalid', ...args], { cwd, stdio: 'ignore' });
}

/** Runs the real CLI as a child process; asynchronously, because this process serves the vendor repository. */
function updops(...args: string[]): Promise<number> {
  process.stdout.write(`\n$ updops ${args.join(' ').replaceAll(work, '$DEMO')}\n`);
  const child = spawn(process.execPath, [path.join(root, 'bin/updops.js'), ...args], {
    stdio: 'inherit',
    env: { ...process.env, FTP_CREDENTIALS: 'demo:not-a-real-secret' },
  });
  return new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1)));
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
  process.stdout.write(`vendor repository served on ${server.url}\n`);
  try {
    banner('Making a config repository from examples/config');
    const config = path.join(work, 'config');
    cpSync(path.join(root, 'examples/config'), config, { recursive: true });
    rewriteConfig(config, server.url, nas);
    mkdirSync(path.join(config, 'keys'), { recursive: true });
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
    banner(`Demo finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
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
