/**
 * `updops sync` (docs/design.md 3 "Sync"): mirror a repository from sources in order into a folder.
 * Thin (docs/style.md 13): parse options, call syncRepository, print progress and one summary line.
 */
import { UpdopsError } from '../errors.js';
import { syncRepository } from '../repository/index.js';
import type { SyncProgress, SyncResult } from '../repository/index.js';

export interface SyncCommandOptions {
  source: string[];
  dest: string;
  trustRoot?: string | undefined;
  legacy?: boolean | undefined;
  diffs?: boolean | undefined;
  concurrency?: string | undefined;
  timeout?: string | undefined;
  proxy?: string | undefined;
}

export async function syncCommand(options: SyncCommandOptions): Promise<number> {
  const concurrency = positive(options.concurrency, '--concurrency');
  const timeoutSeconds = positive(options.timeout, '--timeout');
  const progress = progressPrinter(Boolean(process.stderr.isTTY));
  const result = await syncRepository({
    sources: options.source.map((url) => ({ url, ...(options.proxy ? { proxy: options.proxy } : {}) })),
    dest: options.dest,
    ...(options.trustRoot ? { trustRoot: options.trustRoot } : {}),
    legacy: options.legacy === true,
    diffs: options.diffs === true,
    ...(concurrency ? { concurrency } : {}),
    ...(timeoutSeconds ? { timeoutSeconds } : {}),
    onProgress: progress.update,
  });
  progress.done();
  for (const tried of result.tried) if (tried.error) process.stderr.write(`warning: ${tried.source} failed: ${tried.error}\n`);
  for (const warning of result.warnings) process.stderr.write(`warning: ${warning}\n`);
  process.stdout.write(`${summary(result)}\n`);
  return 0;
}

function positive(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UpdopsError('USAGE', `${flag} must be a positive number, got "${value}"`);
  return n;
}

export function summary(r: SyncResult): string {
  const what = r.scheme === 'legacy' ? 'old-scheme files' : `v${r.version}`;
  if (!r.changed) return `${what} from ${r.source} is already in place (${r.requests} request${r.requests === 1 ? '' : 's'}, ${seconds(r.durationMs)})`;
  const saved = r.deltaBytesSaved > 0 ? ` (${size(r.deltaBytesSaved)} saved by diff files)` : '';
  return `synced ${what} from ${r.source} : ${r.files} file${r.files === 1 ? '' : 's'}, ${size(r.bytes)}${saved} in ${seconds(r.durationMs)}`;
}

export function size(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} kB`;
  if (bytes < 1e9) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${(bytes / 1e9).toFixed(2)} GB`;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** A TTY gets one line rewritten in place; pipes and CI get a plain line every few seconds at most. */
function progressPrinter(tty: boolean): { update: (p: SyncProgress) => void; done: () => void } {
  const started = Date.now();
  let last = 0;
  let drawn = false;
  const line = (p: SyncProgress): string => {
    const rate = p.bytes / Math.max(0.001, (Date.now() - started) / 1000);
    return `${p.files}/${p.filesTotal} files, ${size(p.bytes)}/${size(p.bytesTotal)}, ${size(rate)}/s`;
  };
  return {
    update: (p) => {
      const now = Date.now();
      if (now - last < (tty ? 100 : 3000)) return;
      last = now;
      if (tty) {
        process.stderr.write(`\r\x1b[K${line(p)}`);
        drawn = true;
      } else {
        process.stderr.write(`progress: ${line(p)}\n`);
      }
    },
    done: () => {
      if (drawn) process.stderr.write('\r\x1b[K');
    },
  };
}
