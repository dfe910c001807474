/**
 * `updops rollout status` and `updops rollout resume NAME` (docs/architecture.md "Rollouts"): where
 * each applied rollout and each download task's verification on test devices stands, from the
 * controller (`--controller` / `UPDOPS_CONTROLLER`) or a state store (`--state`); and a halted rollout resumed on the controller that drives it (token
 * from `UPDOPS_TOKEN` or `--token-file`). Resuming by commit needs no command: change the
 * Rollout's spec (e.g. bump `resume`).
 */
import { ApiClient, resolveToken } from '../controller/index.js';
import { UpdopsError } from '../errors.js';
import { releaseUnderTest, VERIFICATION_WORDS } from '../runs/index.js';
import type { RolloutProgress, StateStore, VerificationProgress } from '../state/index.js';
import { whoAmI } from './cancel.js';
import { withStore } from './context.js';
import { parseFormat } from './output.js';
import { controllerUrl } from './runs.js';

export interface RolloutCommandOptions {
  controller?: string | undefined;
  tokenFile?: string | undefined;
  state?: string | undefined;
  format?: string;
}

function line(p: RolloutProgress): string {
  const outcomes = Object.values(p.devices);
  const ok = outcomes.filter((d) => d.outcome === 'succeeded').length;
  const failed = outcomes.filter((d) => d.outcome === 'failed').length;
  const head = `${p.name}\t${p.status}\tversion ${p.version}\twave ${p.wave + 1}\t${ok} succeeded, ${failed} failed`;
  return p.halted ? `${head}\n  halted ${p.halted.at}: ${p.halted.reason}` : head;
}

/** A verification: the release its test devices approved, and the one under test (or failed) if another. */
function verificationLine(v: VerificationProgress): string {
  const approved = v.approved ? `verified ${v.approved.version} at ${v.approved.at}` : 'nothing verified yet';
  const testing = releaseUnderTest(v);
  const head = `verify ${v.task}\t${approved}${testing ? `\t${testing.version} ${VERIFICATION_WORDS[testing.status]}` : ''}`;
  return testing?.halted ? `${head}\n  failed ${testing.halted.at}: ${testing.halted.reason}` : head;
}

function render(rollouts: RolloutProgress[], verifications: VerificationProgress[], format: string): string {
  if (format === 'json') return `${JSON.stringify({ rollouts, verifications }, null, 2)}\n`;
  if (rollouts.length === 0 && verifications.length === 0) return 'No rollouts.\n';
  return `${[...rollouts.map(line), ...verifications.map(verificationLine)].join('\n')}\n`;
}

export async function rolloutStatusCommand(options: RolloutCommandOptions): Promise<number> {
  const format = parseFormat(options.format ?? 'text');
  const url = controllerUrl(options.controller);
  // The controller's API client and a store answer the same two questions.
  const read = (source: Pick<StateStore, 'listRollouts' | 'listVerifications'>) => Promise.all([source.listRollouts(), source.listVerifications()]);
  const [rollouts, verifications] =
    url && !options.state ? await read(new ApiClient({ url, token: resolveToken({ tokenFile: options.tokenFile }) })) : await withStore(options.state ? { state: options.state } : {}, read, 'existing');
  process.stdout.write(render(rollouts, verifications, format));
  return 0;
}

export async function rolloutResumeCommand(name: string, options: RolloutCommandOptions): Promise<number> {
  const format = parseFormat(options.format ?? 'text');
  const url = controllerUrl(options.controller);
  if (!url) throw new UpdopsError('USAGE', 'updops rollout resume asks the controller that drives the rollout: give --controller URL or set UPDOPS_CONTROLLER (or resume by a commit that changes the Rollout)');
  const rollout = await new ApiClient({ url, token: resolveToken({ tokenFile: options.tokenFile }) }).resumeRollout(name, whoAmI('updops rollout resume'));
  process.stdout.write(format === 'json' ? `${JSON.stringify({ rollout }, null, 2)}\n` : `Rollout ${rollout.name} resumed at wave ${rollout.wave + 1}: ${rollout.status}\n`);
  return 0;
}
