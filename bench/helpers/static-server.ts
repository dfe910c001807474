/**
 * A plain static file server with Apache-style directory listings, for the rclone baseline of
 * `bench/sync.ts` (rclone's http backend lists folders by reading `<a href>` links; `updops
 * serve` has no listings). Run as its own process: `node --import tsx bench/helpers/static-server.ts
 * ROOT`; the first stdout line is `serving ROOT on http://127.0.0.1:PORT`, then one line per
 * request, `ISO METHOD PATH STATUS BYTES`, as `updops serve --verbose` prints. File bodies go
 * out the way `updops serve` sends them (sendfile(2) with TCP_CORK where available, else 1 MiB
 * reads through a pipeline), so both sides cost the same to serve.
 */
import { closeSync, createReadStream, openSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pipeline } from 'node:stream';
import { loadZeroCopy, zeroCopyBody } from '../../src/repository/serve/sendfile.js';

const zeroCopy = loadZeroCopy();

const root = path.resolve(process.argv[2] ?? '.');

function log(req: IncomingMessage, status: number, bytes: number): void {
  process.stdout.write(`${new Date().toISOString()} ${req.method} ${req.url} ${status} ${bytes}\n`);
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

async function listing(dir: string, urlPath: string): Promise<string> {
  const entries = await readdir(dir, { withFileTypes: true });
  const rows = entries
    .filter((e) => !e.name.startsWith('.'))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((e) => {
      const name = e.isDirectory() ? `${e.name}/` : e.name;
      return `<a href="${encodeURIComponent(e.name)}${e.isDirectory() ? '/' : ''}">${escapeHtml(name)}</a>`;
    });
  return `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">\n<html><head><title>Index of ${escapeHtml(urlPath)}</title></head><body>\n<h1>Index of ${escapeHtml(urlPath)}</h1>\n<pre>\n${rows.join('\n')}\n</pre></body></html>\n`;
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const head = req.method === 'HEAD';
  const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  const full = path.join(root, urlPath);
  const info = full.startsWith(root) && !urlPath.split('/').some((s) => s.startsWith('.')) ? await stat(full).catch(() => undefined) : undefined;
  if (!info) {
    res.writeHead(404, { 'Content-Length': 0 }).end();
    log(req, 404, 0);
    return;
  }
  if (info.isDirectory()) {
    const body = Buffer.from(await listing(full, urlPath));
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.length });
    res.end(head ? undefined : body);
    log(req, 200, head ? 0 : body.length);
    return;
  }
  const headers = { 'Content-Type': 'application/octet-stream', 'Content-Length': info.size, 'Last-Modified': info.mtime.toUTCString() };
  res.writeHead(200, headers);
  if (head || info.size === 0) {
    res.end();
    log(req, 200, 0);
    return;
  }
  if (zeroCopy) {
    const fd = openSync(full, 'r');
    const outcome = await zeroCopyBody(zeroCopy, res, fd, 0, info.size, 60_000).finally(() => closeSync(fd));
    if (outcome !== 'not-used') {
      if (outcome !== 'cut') res.end();
      log(req, 200, outcome === 'cut' ? 0 : info.size);
      return;
    }
  }
  let sent = 0;
  const stream = createReadStream(full, { highWaterMark: 1024 * 1024 });
  stream.on('data', (chunk) => (sent += chunk.length));
  pipeline(stream, res, () => log(req, 200, sent));
}

const server = createServer((req, res) => {
  handle(req, res).catch(() => res.destroy());
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`serving ${root} on http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
