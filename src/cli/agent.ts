/**
 * `updops agent` (docs/design.md 4): runs on a device or distribution point until SIGTERM/SIGINT,
 * then aborts its assignment cleanly, reports it, and exits 0. A DP agent's repository folder is
 * its manifest `repository` (a path on the DP, docs/design.md 1), served on its manifest address
 * (or `--listen`); `--root` holds the agent's own files (a device: its whole update root).
 */
import { startAgent } from '../agent/index.js';
import { createLogger, logProcessWarnings, resolveToken, type LogFormat } from '../controller/index.js';
import { UpdopsError } from '../errors.js';
import { parseDuration } from '../repository/index.js';
import { parseListen } from './serve.js';
import { untilSignal } from './signals.js';
import { packageVersion } from './version.js';

export interface AgentCommandOptions {
  controller: string;
  name: string;
  root: string;
  tokenFile?: string;
  heartbeat: string;
  listen?: string;
  role?: string;
  os?: string;
  deferRestart?: boolean;
  logFormat?: LogFormat;
}

export async function agentCommand(options: AgentCommandOptions): Promise<number> {
  let heartbeatMs: number;
  try {
    heartbeatMs = parseDuration(options.heartbeat);
  } catch {
    throw new UpdopsError('USAGE', `--heartbeat must be a duration such as 15s (got ${options.heartbeat})`);
  }
  if (options.role !== undefined && options.role !== 'dp' && options.role !== 'device') throw new UpdopsError('USAGE', '--role must be dp or device');
  const logger = createLogger({ format: options.logFormat ?? 'json' });
  logProcessWarnings(logger);
  const signal = untilSignal();
  const agent = await startAgent({
    controller: options.controller,
    name: options.name,
    root: options.root,
    token: resolveToken({ tokenFile: options.tokenFile }),
    heartbeatMs,
    version: packageVersion(),
    ...(options.listen ? { listen: parseListen(options.listen) } : {}),
    ...(options.role ? { role: options.role } : {}),
    ...(options.os ? { os: options.os } : {}),
    ...(options.deferRestart ? { deferRestart: true } : {}),
    log: (line, level) => logger[level ?? 'info'](line),
  });
  const { role } = agent.registration;
  logger.info({ agent: options.name, role, ...(agent.servedUrl ? { url: agent.servedUrl } : {}) }, `agent ${options.name} registered as ${role}${agent.servedUrl ? `, serving ${agent.servedUrl}` : ''}`);
  await signal;
  await agent.stop();
  return 0;
}
