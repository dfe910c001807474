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
import { listenOn } from '../util/index.js';
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
  standby?: boolean;
  consoleUrl?: string;
  serveRepository?: string;
}

export async function controllerCommand(options: ControllerCommandOptions): Promise<number> {
  const { host, port } = parseListen(options.listen);
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
