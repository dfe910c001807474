/**
 * `updops controller` (docs/design.md 4; intro use 1): follow a branch, reconcile each commit, start
 * tasks on time and on events, and answer the HTTP API until SIGTERM/SIGINT, then stop cleanly
 * (running syncs aborted and recorded as cancelled, the lease released, the state closed) and exit 0.
 *
 * Bind first: the API's port is taken before the controller's code is even loaded and before the
 * state is opened, so a busy port is one LISTEN error within a moment, with nothing applied.
 * Then (controller-run.ts) the controller lease: a second controller on the same state is
 * refused naming the holder, or with --standby waits (answering 503) and takes over.
 */
import { createServer } from 'node:net';
import type { LogFormat } from '../controller/index.js';
import { UpdopsError } from '../errors.js';
import { isLoopbackHost, listenOn } from '../util/index.js';
import { parseListen } from './serve.js';

export interface ControllerCommandOptions {
  config?: string;
  ref?: string;
  state?: string;
  listen: string;
  poll: string;
  prune?: boolean;
  maxDeletes: string;
  concurrency: string;
  tokenFile?: string;
  webhookSecretFile?: string;
  logLevel: string;
  logFormat?: LogFormat;
  agentTimeout?: string;
  retryInterval: string;
  rolloutInterval?: string;
  standby?: boolean;
  leaseTtl: string;
  /** Hidden: the host name this replica reports in the lease (tests simulate a replica on another machine). */
  leaseHost?: string;
  consoleUrl?: string;
  serveRepository?: string;
}

export async function controllerCommand(options: ControllerCommandOptions): Promise<number> {
  const { host, port } = parseListen(options.listen);
  checkServeRepository(options, host);
  const bound = createServer();
  await listenOn(bound, { host, port });
  try {
    const { runController } = await import('./controller-run.js');
    return await runController(options, bound);
  } finally {
    // The API server has closed the port it took over; a failure before that leaves it here.
    if (bound.listening) await new Promise<void>((resolve) => bound.close(() => resolve()));
  }
}

/**
 * `--serve-repository` (src/controller/api/repository.ts): on a listener other machines reach,
 * the repository is read with the API token only, so without one every secondary would be
 * refused: that is a usage error now, before the port is even bound.
 */
function checkServeRepository(options: ControllerCommandOptions, host: string, env: NodeJS.ProcessEnv = process.env): void {
  const value = options.serveRepository;
  if (value === undefined) return;
  if (value.trim() === '') throw new UpdopsError('USAGE', '--serve-repository needs a DP name or a folder');
  if (isLoopbackHost(host) || options.tokenFile !== undefined || env.UPDOPS_TOKEN?.trim()) return;
  throw new UpdopsError('USAGE', `--serve-repository on ${host}, which other machines reach, needs the API token: set UPDOPS_TOKEN or pass --token-file (secondaries send it through their upstream source's secretRef)`);
}
