/**
 * The body of `updops controller`, loaded only once its port is bound (controller.ts): the state,
 * the lease, the controller, the API on that port, until SIGTERM/SIGINT.
 */
import { hostname } from 'node:os';
import { DEFAULTS } from '../defaults.js';
import { isUpdopsError, UpdopsError } from '../errors.js';
import { defaultTimeZone } from '../plan/index.js';
import { bindApiListener, createApiServer, resolveToken, resolveWebhookSecret, servedRepositoryOf, type RepositoryServing } from '../controller/index.js';
import { AgentHub, UpstreamTimestamps } from '../controller/index.js';
import path from 'node:path';
import { createController, type Controller } from '../controller/index.js';
import { createLogger, logProcessWarnings } from '../controller/index.js';
import { createMetrics, followerHandler } from '../controller/index.js';
import { parseDuration } from '../repository/index.js';
import { isLoopbackHost } from '../util/index.js';
import { isGitUrl } from '../manifests/index.js';
import { isPostgresUrl, openStateStore, type LeaseInfo } from '../state/index.js';
import type { JobQueue } from '../queue/index.js';
import { configOption } from './context.js';
import type { Server as NetServer } from 'node:net';
import type { ControllerCommandOptions } from './controller.js';
import { parseListen } from './serve.js';
import { untilSignal } from './signals.js';

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

/** `bound` holds the API's port already (bind first); the API server takes it over. */
export async function runController(options: ControllerCommandOptions, bound: NetServer): Promise<number> {
  const { host, port } = parseListen(options.listen);
  const maxDeletes = wholeNumber(options.maxDeletes, '--max-deletes', 0);
  const concurrency = wholeNumber(options.concurrency, '--concurrency', 1);
  const pollMs = durationMs(options.poll, '--poll');
  const rolloutTickMs = durationMs(options.rolloutInterval ?? `${DEFAULTS.rolloutTickMs / 1000}s`, '--rollout-interval');
  const retryMs = durationMs(options.retryInterval, '--retry-interval');
  const agentTimeoutMs = durationMs(options.agentTimeout ?? '10m', '--agent-timeout');
  const leaseTtlMs = durationMs(options.leaseTtl ?? `${DEFAULTS.controllerLeaseMs / 1000}s`, '--lease-ttl');
  if (leaseTtlMs < 1000) throw new UpdopsError('USAGE', `--lease-ttl must be at least 1s (got ${options.leaseTtl})`);
  const leaseHost = options.leaseHost ?? hostname();
  const token = resolveToken({ tokenFile: options.tokenFile });
  const webhookSecret = resolveWebhookSecret({ webhookSecretFile: options.webhookSecretFile });
  const repository = servedRepository(options.serveRepository, host);
  const format = options.logFormat ?? 'json';
  const logger = createLogger({ level: options.logLevel as 'info', format });
  logProcessWarnings(logger);
  const listener = await bindApiListener(host, port, bound);
  const signal = untilSignal();
  let store;
  try {
    store = await openStateStore(options.state ? { path: options.state } : {});
  } catch (error) {
    await listener.close();
    throw error;
  }
  // A PostgreSQL state brings the job queue (docs/architecture.md "Job queue"): starts and each
  // target's work are jobs on the same database. A SQLite state runs all of it in this process.
  const stateUrl = options.state ?? process.env.UPDOPS_STATE;
  let queue: JobQueue | undefined;
  if (stateUrl && isPostgresUrl(stateUrl)) {
    try {
      const { openJobQueue } = await import('../queue/index.js');
      queue = await openJobQueue({ url: stateUrl, resultTimeoutMs: agentTimeoutMs, onError: (error) => logger.warn({ code: 'QUEUE' }, `job queue: ${error.message}`) });
    } catch (error) {
      await store.close();
      await listener.close();
      throw error;
    }
  }
  // The leader gauge reads the controller once it exists; until then (and while standing by) 0.
  let leading = (): boolean => false;
  const { registry, observer } = createMetrics(undefined, { logger, state: store, replica: { host: leaseHost, pid: process.pid, leading: () => leading() } });
  // Agents (docs/design.md 4 `updops agent`): one hub shared by the task runs and the API, for
  // every lease term of this process. A DP's sources, asked for their timestamp so status tells a
  // DP withholding updates (issue 19). Relative source paths and secret files are read against a
  // local config folder (a git URL, as the reconciler tells one: the current one).
  const config = configOption(options.config);
  const upstream = new UpstreamTimestamps({ store, configDir: isGitUrl(config) ? process.cwd() : path.resolve(config) });
  const agents = new AgentHub({ store, resultTimeoutMs: agentTimeoutMs, upstream, ...(queue ? { queue: queue.targets } : {}) });
  // A replica that does not lead (yet) serves the read-only API from the shared store, and, on the
  // job queue, the agents (src/controller/api/follower.ts): agents may talk to any replica.
  listener.follow(followerHandler({ store, registry, timeZone: defaultTimeZone(), ...(queue ? { agents: { hub: agents, token } } : {}) }));
  let announced = false;
  let controller: Controller | undefined;
  leading = () => controller?.leading ?? false;
  // A signal while starting (or standing by) stops the start itself.
  void signal.then(() => controller?.stop().catch(() => undefined));
  try {
    // One controller per lease term: a --standby replica that loses the lease (or is FENCED) stops
    // scheduling and its runs, serves as a follower again and waits to take the lease once more.
    for (let term = 1; ; term++) {
      let lost: (error: Error) => void = () => undefined;
      const leaseLost = new Promise<Error>((resolve) => (lost = resolve));
      const lease = {
        ttlMs: leaseTtlMs,
        host: leaseHost,
        ...(options.standby ? { standby: true } : {}),
        onStandby: (held: LeaseInfo) => {
          const message = `standing by: ${held.owner}@${held.host} pid ${held.pid} is the active controller of this state (lease until ${held.expiresAt})`;
          listener.waiting(message);
          if (!announced) logger.info({ listen: listener.url, holder: `${held.owner}@${held.host}`, holderPid: held.pid }, message);
          announced = true;
        },
        onLost: (error: Error) => lost(error),
      };
      const current = createController({ config, ...(options.ref ? { ref: options.ref } : {}), store, pollMs, rolloutTickMs, retry: { baseMs: retryMs }, notifications: { consoleUrl: options.consoleUrl ?? `${listener.url}/` }, prune: options.prune ?? false, maxDeletes, concurrency, observer, agents, lease, ...(queue ? { starts: queue.starts } : {}) });
      controller = current;
      if (await settledWithin(signal)) return 0;
      try {
        await current.start();
      } catch (error) {
        if (await settledWithin(signal)) return 0;
        throw error;
      }
      const api = await createApiServer(current, { listener, ...(token ? { token } : {}), ...(webhookSecret ? { webhookSecret } : {}), ...(repository ? { repository } : {}), logger, registry, agents });
      // At every --log-level: with port 0 this line is the only way to learn the address.
      if (term === 1) createLogger({ level: 'info', format }).info({ url: api.url }, `controller listening on ${api.url}`);
      else logger.info({ url: api.url, term }, `leading again on ${api.url}`);
      if (term === 1 && repository) {
        const what = 'dp' in repository.served ? `the repository of DP ${repository.served.dp}` : `the repository folder ${repository.served.folder}`;
        logger.info({ url: `${api.url}/repository/`, ...repository.served, needsToken: repository.requireToken }, `serving ${what} on ${api.url}/repository/`);
      }
      const ended = await Promise.race([signal, leaseLost]);
      if (!(ended instanceof Error) || !options.standby) {
        await api.close();
        await current.stop();
        if (ended instanceof Error) throw ended;
        logger.info({ signal: ended }, 'stopped');
        return 0;
      }
      // Lost: the scheduler and the runs end first (stop), then the listener follows again.
      await current.stop();
      api.detach();
      const code = isUpdopsError(ended) ? ended.code : 'LEASE';
      listener.waiting('standing by: this replica lost the controller lease and waits to take it again');
      logger.warn({ code, term }, `lost the controller lease (${ended.message}); standing by again`);
      announced = false;
    }
  } finally {
    await controller?.stop().catch(() => undefined);
    await listener.close().catch(() => undefined);
    await queue?.stop();
    await store.close();
  }
}

/** `--serve-repository DP|FOLDER` (src/controller/api/repository.ts), checked before the bind (controller.ts). */
function servedRepository(value: string | undefined, host: string): RepositoryServing | undefined {
  return value === undefined ? undefined : { served: servedRepositoryOf(value), requireToken: !isLoopbackHost(host) };
}

/** Whether `promise` has already settled (a signal arrived), without waiting for it. */
async function settledWithin(promise: Promise<unknown>): Promise<boolean> {
  const pending = Symbol('pending');
  return (await Promise.race([promise, Promise.resolve(pending)])) !== pending;
}
