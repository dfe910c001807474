/**
 * A minimal static server for the sync tests (until/unless `serveRepository` is used): ETag +
 * If-None-Match, `Range: bytes=N-`, and counters of requests and body bytes, on 127.0.0.1:0.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { syncRepository } from '../../../src/repository/sync/index.js';
import { FixtureRepo, tempDir, treeHash } from './sync-fixture.js';

export interface StaticServer {
  url: string;
  stats: { requests: number; bytes: number; paths: string[] };
  close(): Promise<void>;
}

export type Override = (req: http.IncomingMessage, res: http.ServerResponse) => boolean;

export interface ServeOptions {
  /** Throttle each response body to about this many bytes per second (crash tests need a sync that takes a while). */
  rate?: number;
  /** Serve HTTPS with this key and certificate (PEM) instead of HTTP. */
  tls?: { key: string | Buffer; cert: string | Buffer };
}

export async function serveStatic(root: string, override?: Override, options: ServeOptions = {}): Promise<StaticServer> {
  const stats = { requests: 0, bytes: 0, paths: [] as string[] };
  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    stats.requests += 1;
    const rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    stats.paths.push(rel);
    if (override?.(req, res)) return;
    void send(path.join(root, path.normalize(rel).replace(/^(\.\.[/\\])+/, '')), req, res, stats, options.rate);
  };
  const server = options.tls ? https.createServer(options.tls, handler) : http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    stats,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function send(file: string, req: http.IncomingMessage, res: http.ServerResponse, stats: StaticServer['stats'], rate?: number): Promise<void> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) {
    res.writeHead(404).end();
    return;
  }
  const etag = `"${info.size}-${Math.floor(info.mtimeMs)}"`;
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, { etag }).end();
    return;
  }
  const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
  const start = range ? Number(range[1]) : 0;
  res.writeHead(range ? 206 : 200, { etag, 'content-length': String(info.size - start) });
  const stream = createReadStream(file, { start, highWaterMark: 32 * 1024 });
  res.on('close', () => stream.destroy());
  stream.on('data', (chunk) => {
    stats.bytes += chunk.length;
    if (!rate) return;
    res.write(chunk);
    stream.pause();
    setTimeout(() => stream.resume(), (chunk.length / rate) * 1000);
  });
  if (rate) stream.on('end', () => res.end());
  else stream.pipe(res);
}

/** A vendor repository with `content` published, served on loopback, with a switchable override. */
export async function servedRepo(t: { teardown(fn: () => unknown): void }, content: Record<string, Buffer>, prefix?: string) {
  const work = await tempDir(t, prefix);
  const repo = new FixtureRepo(path.join(work, 'vendor'));
  await repo.publish(content);
  let override: Override | undefined;
  const server = await serveStatic(repo.dir, (req, res) => override?.(req, res) ?? false);
  t.teardown(() => server.close());
  return { work, repo, server, setOverride: (o: Override | undefined) => (override = o) };
}

/** As servedRepo, plus a first mirror of it in `dp` (trusting the repo's root) and its tree hash. */
export async function mirroredRepo(t: { teardown(fn: () => unknown): void }, content: Record<string, Buffer>, prefix?: string) {
  const served = await servedRepo(t, content, prefix);
  const dp = path.join(served.work, 'dp');
  await syncRepository({ sources: [{ url: served.server.url }], dest: dp, trustRoot: served.repo.rootPath() });
  return { ...served, dp, before: await treeHash(dp) };
}

/**
 * The "endless data" attack: requests whose URL contains `match` get a 200 with no length and
 * bytes that go on until the client hangs up (or `cap`). `sent()` tells how far it got.
 */
export function endlessData(match: string, cap: number): { override: Override; sent: () => number } {
  let sent = 0;
  const override: Override = (req, res) => {
    if (!req.url?.includes(match)) return false;
    res.writeHead(200);
    const chunk = Buffer.alloc(64 * 1024, 7);
    const pump = (): void => {
      let more = true;
      while (more && !res.destroyed && sent < cap) {
        sent += chunk.length;
        more = res.write(chunk);
      }
      if (!res.destroyed && sent < cap) res.once('drain', pump);
      else res.end();
    };
    pump();
    return true;
  };
  return { override, sent: () => sent };
}
