/**
 * `updops controller` (docs/design.md 4; intro use 1): follow a branch, reconcile each commit, start
 * tasks on time and on events, and answer the HTTP API until SIGTERM/SIGINT, then stop cleanly
 * (running syncs aborted and recorded as interrupted, the state closed) and exit 0.
 */
import { UpdopsError } from '../errors.js';
import { createApiServer, resolveToken } from '../controller/index.js';
import { AgentHub } from '../controller/index.js';
import { createController } from '../controller/index.js';
import { createLogger, logProcessWarnings, type LogFormat } from '../controller/index.js';
import { createMetrics } from '../controller/index.js';
import { parseDuration } from '../repository/index.js';
import { openStateStore } from '../state/index.js';
import { configOption } from './context.js';
import { parseListen } from './serve.js';
import { untilSignal } from './signals.js';

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
  logLevel: string;
  logFormat?: LogFormat;
  agentTimeout?: string;
}

function wholeNumber(value: string, flag: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UpdopsError('USAGE', `${flag} must be a whole number of at least ${min}`);
  return n;
}

function durationMs(text: string, flag: string): number {
  try {
    return parseDuration(text);
  } catch {
    throw new UpdopsError('USAGE', `${flag} must be a duration such as 30s, 5m or 1h (got ${text})`);
  }
}

export async function controllerCommand(options: ControllerCommandOptions): Promise<number> {
  const { host, port } = parseListen(options.listen);
  const maxDeletes = wholeNumber(options.maxDeletes, '--max-deletes', 0);
  const concurrency = wholeNumber(options.concurrency, '--concurrency', 1);
  const token = resolveToken({ tokenFile: options.tokenFile });
  const format = options.logFormat ?? 'json';
  const logger = createLogger({ level: options.logLevel as 'info', format });
  logProcessWarnings(logger);
  const store = await openStateStore(options.state ? { path: options.state } : {});
  const { registry, observer } = createMetrics(undefined, { logger, agents: () => store.listAgents() });
  // Agents (docs/design.md 4 `updops agent`): one hub shared by the task runs and the API.
  const agents = new AgentHub({ store, resultTimeoutMs: durationMs(options.agentTimeout ?? '10m', '--agent-timeout') });
  const controller = createController({ config: configOption(options.config), ...(options.ref ? { ref: options.ref } : {}), store, pollMs: durationMs(options.poll, '--poll'), prune: options.prune ?? false, maxDeletes, concurrency, observer, agents });
  try {
    await controller.start();
    const api = await createApiServer(controller, { host, port, ...(token ? { token } : {}), logger, registry, agents });
    // At every --log-level: with port 0 this line is the only way to learn the address.
    createLogger({ level: 'info', format }).info({ url: api.url }, `controller listening on ${api.url}`);
    const signal = await untilSignal();
    logger.info({ signal }, 'stopping');
    await api.close();
    await controller.stop();
    logger.info('stopped');
    return 0;
  } finally {
    await controller.stop().catch(() => undefined);
    await store.close();
  }
}
