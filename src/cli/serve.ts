import { UpdopsError } from '../errors.js';
import { serveRepository } from '../repository/serve/index.js';

export interface ServeCommandOptions {
  repoDir: string;
  listen: string;
  verbose?: boolean;
}

/** `HOST:PORT`, `[v6]:PORT`, `:PORT` or `PORT`; port 0 picks a free one. */
export function parseListen(text: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:]*)):(\d+)$/.exec(text) ?? /^()()(\d+)$/.exec(text);
  const port = Number(match?.[3]);
  if (!match || !(port >= 0 && port <= 65535)) {
    throw new UpdopsError('USAGE', `--listen must be HOST:PORT, e.g. 127.0.0.1:8080 (got ${text})`);
  }
  return { host: match[1] || match[2] || '127.0.0.1', port };
}

/**
 * `updops serve REPO_DIR --listen HOST:PORT` (DESIGN.md 3, "Serving"). The first line names the
 * URL (tests and scripts read it); runs until SIGINT/SIGTERM, then closes cleanly.
 */
export async function serveCommand(options: ServeCommandOptions): Promise<number> {
  const { host, port } = parseListen(options.listen);
  const server = await serveRepository({
    root: options.repoDir,
    host,
    port,
    ...(options.verbose
      ? { onRequest: (r) => process.stdout.write(`${new Date().toISOString()} ${r.method} ${r.path} ${r.status} ${r.bytes}\n`) }
      : {}),
  });
  process.stdout.write(`serving ${options.repoDir} on ${server.url}\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
  process.stdout.write(`stopped after ${server.stats.requests} requests, ${server.stats.bytes} bytes\n`);
  return 0;
}
