/**
 * Every command, registered in one place. Each action imports its module only when it runs,
 * so `updops --help` loads nothing but commander (docs/style.md 13). Command modules are thin:
 * parse options, call the core, print, set the exit code.
 */
import { DEFAULTS } from '../defaults.js';
import { Argument, Option, type Command } from 'commander';
import type { PlanCommandOptions } from './plan.js';
import type { ApplyCommandOptions } from './apply.js';
import type { ControllerCommandOptions } from './controller.js';
import type { AgentCommandOptions } from './agent.js';

/** Logs of the long-running commands: JSON lines that `jq` reads, or text for people. */
function logFormatOption(): Option {
  return new Option('--log-format <format>', 'json lines, or text for people').choices(['json', 'text']).default('json');
}

export function registerCommands(program: Command): void {
  program
    .command('validate')
    .description('validate every manifest under a config directory')
    .argument('[dir]', 'config directory', '.')
    .option('--format <format>', 'output format: text | json', 'text')
    .action(async (dir: string, options: { format: string }) => {
      const { validateCommand } = await import('./validate.js');
      process.exitCode = await validateCommand({ dir, format: options.format });
    });

  const keys = program.command('keys').description('manage repository signing keys');
  keys
    .command('generate')
    .description('write ed25519 keys for the root, targets, snapshot and timestamp roles')
    .option('--out <dir>', 'folder for the new keys (must not hold keys already)')
    .option('--delegated <name>', 'write only the key of a delegated targets role (see publish --delegate)')
    .action(async (options: { out?: string; delegated?: string }) => {
      const { keysGenerateCommand } = await import('./keys.js');
      process.exitCode = await keysGenerateCommand({ out: options.out, delegated: options.delegated });
    });
  keys
    .command('rotate')
    .description('replace one role\'s key (the old one is revoked); with --repo, re-sign the repository at once')
    .requiredOption('--role <role>', 'root, targets, snapshot or timestamp')
    .option('--keys <dir>', 'keys folder (from `updops keys generate`)')
    .option('--repo <dir>', 'repository to re-sign now (else the next `updops publish` does)')
    .option('--expires <duration>', 'lifetime of the re-signed targets/snapshot/timestamp metadata', '7d')
    .action(async (options: { role: string; keys?: string; repo?: string; expires: string }) => {
      const { keysRotateCommand } = await import('./keys.js');
      process.exitCode = await keysRotateCommand(options);
    });

  program
    .command('publish')
    .description('publish a content folder as the next version of an update repository')
    .argument('<content-dir>', 'folder laid out as <component>/<application>/<file>')
    .option('--repo <dir>', 'repository folder to write')
    .option('--keys <dir>', 'keys folder (from `updops keys generate`)')
    .option('--legacy-only', 'write only the old scheme (SHA256SUMS and plain files)')
    .option('--with-legacy', 'also write the old scheme beside the TUF repository')
    .option('--deltas <n>', 'diff files from each changed file\'s contents in the last N versions', '0')
    .option('--expires <duration>', 'lifetime of targets/snapshot/timestamp metadata, e.g. 7d, 12h', '7d')
    .option('--published <iso>', 'release time to record (default: now)')
    .option('--delegate <name=patterns>', 'sign targets matching comma-separated patterns (e.g. modules-team=modules/*/*) with the key <name>.key.pem; repeatable', (v: string, all: string[]) => [...all, v], [])
    .action(async (contentDir: string, options: { repo?: string; keys?: string; legacyOnly?: boolean; withLegacy?: boolean; deltas: string; expires: string; published?: string; delegate: string[] }) => {
      const { publishCommand } = await import('./publish.js');
      process.exitCode = await publishCommand({ contentDir, ...options, repo: options.repo, keys: options.keys });
    });

  program
    .command('serve')
    .description('serve a repository folder over HTTP (Range, ETag, Last-Modified; nothing outside the folder)')
    .argument('<repo-dir>', 'repository folder')
    .option('--listen <host:port>', 'address to listen on (port 0: any free port)', DEFAULTS.listen)
    .option('--verbose', 'log one line per request')
    .option('--workers <n>', 'processes sharing the port (default: one per core)')
    .action(async (repoDir: string, options: { listen: string; verbose?: boolean; workers?: string }) => {
      const { serveCommand } = await import('./serve.js');
      process.exitCode = await serveCommand({ repoDir, listen: options.listen, verbose: options.verbose === true, ...(options.workers !== undefined ? { workers: Number(options.workers) } : {}) });
    });

  program
    .command('sync')
    .description('mirror an update repository from sources (in order, with fallback) into a folder, verified')
    .requiredOption('--source <url-or-path>', 'http(s)://, ftp://, file:// URL or folder; repeat for fallbacks', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .requiredOption('--dest <dir>', 'folder to mirror into (a servable repository)')
    .option('--trust-root <root.json>', "the repository's root of trust")
    .option('--legacy', 'download updates by using the old scheme (SHA256SUMS) when a source has only that')
    .option('--diffs', 'download and use diff files')
    .option('--concurrency <n>', 'parallel downloads', String(DEFAULTS.syncConcurrency))
    .option('--timeout <seconds>', 'connect/idle timeout per source', String(DEFAULTS.sourceTimeoutSeconds))
    .option('--proxy <url>', 'HTTP proxy for every source')
    .action(async (options: { source: string[]; dest: string; trustRoot?: string; legacy?: boolean; diffs?: boolean; concurrency?: string; timeout?: string; proxy?: string }) => {
      const { syncCommand } = await import('./sync.js');
      process.exitCode = await syncCommand(options);
    });

  program
    .command('schema')
    .description('print the JSON Schema of a manifest kind (Group, UpdateSource, Task) or all of them')
    .argument('[kind]', 'manifest kind')
    .action(async (kind: string | undefined) => {
      const { schemaCommand } = await import('./schema.js');
      process.exitCode = await schemaCommand({ kind });
    });

  const stateOption = ['--state <file|url>', 'state: a SQLite file or a postgres:// URL (default: $UPDOPS_STATE or .updops/state.db)'] as const;
  const configOptionFlags = ['--config <dir-or-git-url>', 'config directory or git repository (default: $UPDOPS_CONFIG or .)'] as const;

  program
    .command('plan')
    .description('show what apply would change: objects, repository syncs, schedules, warnings')
    .option(...configOptionFlags)
    .option('--ref <ref>', 'branch, tag or commit of a git config')
    .option(...stateOption)
    .option('--format <format>', 'text | markdown | json', 'text')
    .option('--out <file>', 'save the plan so `updops apply FILE` applies exactly it')
    .option('--detailed-exitcode', 'exit 0 when nothing changes, 2 when something does, 1 on error')
    .option('--prune', 'plan deletion of recorded objects no longer in the config')
    .option('--now <iso>', 'evaluate schedules as of this instant')
    .option('--offline', 'do not contact update sources')
    .option('--devices', "list each target's randomized-delay offset and next start")
    .action(async (options: PlanCommandOptions) => {
      const { planCommand } = await import('./plan.js');
      process.exitCode = await planCommand(options);
    });

  program
    .command('apply')
    .description('apply the config (or a saved plan): record objects, sync DP repositories')
    .argument('[planfile]', 'a plan saved with `updops plan --out`')
    .option(...configOptionFlags)
    .option('--ref <ref>', 'branch, tag or commit of a git config')
    .option(...stateOption)
    .option('--prune', 'delete recorded objects no longer in the config')
    .option('--max-deletes <n>', 'refuse to delete more objects than this', String(DEFAULTS.maxDeletes))
    .option('--auto-approve', 'do not ask for confirmation on a terminal')
    .option('--force-unlock <id>', 'remove a stale state lock with this id, then exit')
    .option('--concurrency <n>', 'DP repositories synced at once', String(DEFAULTS.runConcurrency))
    .option('--now <iso>', 'evaluate schedules as of this instant')
    .action(async (planFile: string | undefined, options: ApplyCommandOptions) => {
      const { applyCommand } = await import('./apply.js');
      process.exitCode = await applyCommand({ ...options, ...(planFile ? { planFile } : {}) });
    });

  program
    .command('status')
    .description('groups, DP repositories, tasks and the last applied commit')
    .option(...stateOption)
    .option('--format <format>', 'text | json', 'text')
    .option('--now <iso>', 'evaluate schedules as of this instant')
    .option('--controller <url>', "the controller's report from its API instead of the state file (default: $UPDOPS_CONTROLLER)")
    .action(async (options: { state?: string; format: string; now?: string; controller?: string }) => {
      const { statusCommand } = await import('./status.js');
      process.exitCode = await statusCommand(options);
    });

  program
    .command('history')
    .description('applied commits, newest first')
    .option(...stateOption)
    .option('--format <format>', 'text | json', 'text')
    .option('--limit <n>', 'entries to show', '20')
    .option('--plans', 'include each apply\'s plan (json format)')
    .action(async (options: { state?: string; format: string; limit: string; plans?: boolean }) => {
      const { historyCommand } = await import('./history.js');
      process.exitCode = await historyCommand(options);
    });

  program
    .command('migrate-state')
    .description('copy a whole state to another back end (a SQLite file ↔ a postgres:// URL); the target must be empty')
    .requiredOption('--from <file|url>', 'the state to copy (read only)')
    .requiredOption('--to <file|url>', 'a new or empty state to copy it into')
    .action(async (options: { from: string; to: string }) => {
      const { migrateStateCommand } = await import('./migrate-state.js');
      process.exitCode = await migrateStateCommand(options);
    });

  program
    .command('controller')
    .description('follow a branch: reconcile each commit, start tasks on time and on events, serve the HTTP API')
    .option(...configOptionFlags)
    .option('--ref <ref>', 'branch, tag or commit to follow', 'main')
    .option(...stateOption)
    .option('--listen <host:port>', 'address of the HTTP API (port 0: any free port)', DEFAULTS.listen)
    .option('--poll <duration>', 'how often the branch is polled for new commits', `${DEFAULTS.pollMs / 1000}s`)
    .option('--prune', 'delete recorded objects no longer in the config')
    .option('--max-deletes <n>', 'refuse applies that delete more objects than this', String(DEFAULTS.maxDeletes))
    .option('--concurrency <n>', 'DP repositories synced at once within a run', String(DEFAULTS.runConcurrency))
    .option('--token-file <file>', 'file holding the API token for POST calls (default: $UPDOPS_TOKEN)')
    .option('--webhook-secret-file <file>', 'file holding the secret GitHub, GitLab and Gitea webhooks to POST /hooks/git are signed with (default: $UPDOPS_WEBHOOK_SECRET)')
    .addOption(new Option('--log-level <level>', 'the least severe events to log').choices(['trace', 'debug', 'info', 'warn', 'error', 'silent']).default('info'))
    .addOption(logFormatOption())
    .option('--agent-timeout <duration>', "how long a run waits for an agent's result", `${DEFAULTS.agentResultTimeoutMs / 60_000}m`)
    .option('--retry-interval <duration>', 'a failed commit is tried again after this, doubling per failure (up to 10m)', `${DEFAULTS.reconcileRetryMs / 1000}s`)
    .option('--rollout-interval <duration>', "how often rollouts read their devices' reports and pass their gates", `${DEFAULTS.rolloutTickMs / 1000}s`)
    .option('--console-url <url>', 'the address people reach the console at, for links in notifications and commit statuses (default: the API address)')
    .option('--standby', 'when another controller is active on this state, wait and take over when it stops (default: refuse to start)')
    .option('--lease-ttl <duration>', 'the active controller renews its lease every third of this; a standby takes over this long after the last renewal', `${DEFAULTS.controllerLeaseMs / 1000}s`)
    .addOption(new Option('--lease-host <name>', 'the host name reported in the lease (tests)').hideHelp())
    .option('--serve-repository <dp-or-folder>', "serve this DP's repository (or a folder) read-only under /repository/ for secondary controllers' upstream sources; on a non-loopback --listen it needs the API token")
    .action(async (options: ControllerCommandOptions) => {
      const { controllerCommand } = await import('./controller.js');
      process.exitCode = await controllerCommand(options);
    });

  program
    .command('agent')
    .description('run on a device or distribution point: register with the controller, heartbeat, run its assignments')
    .requiredOption('--controller <urls>', "the controller's API, e.g. http://127.0.0.1:8080; replicas comma-separated (A,B): the next one is tried when one is unreachable or answers 503")
    .requiredOption('--name <name>', 'the device or DP name in the config')
    .requiredOption('--root <dir>', "device: its update root (bases, state.json, app); DP: the agent's own folder")
    .option('--token-file <file>', 'file holding the API token (default: $UPDOPS_TOKEN)')
    .option('--heartbeat <duration>', 'how often to report status', `${DEFAULTS.heartbeatSeconds}s`)
    .option('--listen <host:port>', "DP: where its repository is served (default: the port of its manifest address on 127.0.0.1)")
    .option('--role <role>', 'dp | device (default: from the controller)')
    .option('--os <os>', 'reported OS (default: from the controller)')
    .option('--defer-restart', 'device: after a module install, restart the application (and health-check it) when the agent next starts, not in the run')
    .addOption(logFormatOption())
    .action(async (options: AgentCommandOptions) => {
      const { agentCommand } = await import('./agent.js');
      process.exitCode = await agentCommand(options);
    });

  const appSettings = program
    .command('app-settings')
    .description("a device's application settings in its update root (refused between a module install and the restart)");
  appSettings
    .command('show')
    .description('print the settings of the version the application points at')
    .requiredOption('--root <dir>', "the device's update root (the agent's --root)")
    .action(async (options: { root: string }) => {
      const { appSettingsShow } = await import('./app-settings.js');
      process.exitCode = await appSettingsShow(options);
    });
  appSettings
    .command('set')
    .description('change settings: KEY=VALUE… (VALUE as JSON when it parses; a.b reaches nested keys)')
    .argument('<pairs...>', 'KEY=VALUE')
    .requiredOption('--root <dir>', "the device's update root (the agent's --root)")
    .action(async (pairs: string[], options: { root: string }) => {
      const { appSettingsSet } = await import('./app-settings.js');
      process.exitCode = await appSettingsSet(pairs, options);
    });

  const controllerOption = ['--controller <url>', "the controller's API, e.g. http://127.0.0.1:8080 (default: $UPDOPS_CONTROLLER; none: the state store)"] as const;

  program
    .command('run')
    .description('start a task now: through the controller API, or in this process when no controller is named')
    .argument('<task>', 'task name (quote names with spaces)')
    .option('--wait', 'wait for the run to finish; exit 0 if it completed, 1 if it failed')
    .option(...controllerOption)
    .option('--token-file <file>', 'file holding the API token (default: $UPDOPS_TOKEN)')
    .option(...stateOption)
    .option(...configOptionFlags)
    .option('--format <format>', 'text | json', 'text')
    .option('--interval <ms>', 'how often --wait polls the controller', '1000')
    .option('--devices <names>', 'only these DPs/devices of the task, comma-separated')
    .option('--retry-failed <run-id>', 'only the targets that failed in that run of the task')
    .action(async (task: string, options: { wait?: boolean; controller?: string; tokenFile?: string; state?: string; config?: string; format: string; interval: string; devices?: string; retryFailed?: string }) => {
      const { runCommand } = await import('./run.js');
      process.exitCode = await runCommand({ task, ...options });
    });

  program
    .command('cancel')
    .description('cancel a running run on the controller: its targets stop cleanly and keep what they had')
    .argument('<run-id>', 'the run to cancel (updops runs lists them)')
    .option(...controllerOption)
    .option('--token-file <file>', 'file holding the API token (default: $UPDOPS_TOKEN)')
    .option('--format <format>', 'text | json', 'text')
    .action(async (id: string, options: { controller?: string; tokenFile?: string; format: string }) => {
      const { cancelCommand } = await import('./cancel.js');
      process.exitCode = await cancelCommand({ id, ...options });
    });

  const rollout = program.command('rollout').description('rollouts in waves: where each stands, and resuming a halted one (docs/architecture.md "Rollouts")');
  rollout
    .command('status')
    .description('each applied rollout: its wave, halted or not and why, succeeded and failed devices')
    .option(...controllerOption)
    .option('--state <path-or-url>', 'read the state store instead of asking the controller')
    .option('--token-file <file>', 'file holding the API token (default: $UPDOPS_TOKEN)')
    .option('--format <format>', 'text | json', 'text')
    .action(async (options: { controller?: string; state?: string; tokenFile?: string; format: string }) => {
      const { rolloutStatusCommand } = await import('./rollout.js');
      process.exitCode = await rolloutStatusCommand(options);
    });
  rollout
    .command('resume')
    .description('resume a halted rollout on the controller: the failed devices of its wave get another attempt (a commit that changes the Rollout does the same)')
    .argument('<name>', 'the Rollout')
    .option(...controllerOption)
    .option('--token-file <file>', 'file holding the API token (default: $UPDOPS_TOKEN)')
    .option('--format <format>', 'text | json', 'text')
    .action(async (name: string, options: { controller?: string; tokenFile?: string; format: string }) => {
      const { rolloutResumeCommand } = await import('./rollout.js');
      process.exitCode = await rolloutResumeCommand(name, options);
    });

  program
    .command('outbreak')
    .description('report a virus outbreak to the controller: starts the onOutbreak tasks for that application type')
    .requiredOption('--type <type>', 'workstationsAndFileServers, perimeter or mail')
    .option(...controllerOption)
    .option('--token-file <file>', 'file holding the API token (default: $UPDOPS_TOKEN)')
    .option('--format <format>', 'text | json', 'text')
    .action(async (options: { type: string; controller?: string; tokenFile?: string; format: string }) => {
      const { outbreakCommand } = await import('./outbreak.js');
      process.exitCode = await outbreakCommand(options);
    });

  program
    .command('runs')
    .description('task runs, newest first; with an ID, that run and its per-device results')
    .argument('[id]', 'a run id')
    .option('--task <task>', 'only runs of this task')
    .option('--device <name>', 'only runs that had this DP/device as a target')
    .option('--limit <n>', 'runs to show', '20')
    .option('--format <format>', 'text | json', 'text')
    .option(...controllerOption)
    .option(...stateOption)
    .action(async (id: string | undefined, options: { task?: string; device?: string; limit: string; format: string; controller?: string; state?: string }) => {
      const { runsCommand } = await import('./runs.js');
      process.exitCode = await runsCommand({ id, ...options });
    });

  program
    .command('events')
    .description('recorded events (reconciles, runs, outbreaks, out-of-date databases), newest first')
    .option('--type <type>', 'only events of this type, e.g. BasesAreOutOfDate')
    .option('--limit <n>', 'events to show', '50')
    .option('--format <format>', 'text | json', 'text')
    .option(...controllerOption)
    .option(...stateOption)
    .action(async (options: { type?: string; limit: string; format: string; controller?: string; state?: string }) => {
      const { eventsCommand } = await import('./events.js');
      process.exitCode = await eventsCommand(options);
    });

  program
    .command('version')
    .description('print the version (the same as --version)')
    .action(async () => {
      const { versionCommand } = await import('./version.js');
      process.exitCode = versionCommand();
    });

  program
    .command('completion')
    .description('print a shell completion script, e.g. source <(updops completion bash)')
    .addArgument(new Argument('<shell>', 'the shell to complete for').choices(['bash', 'zsh', 'fish']))
    .action(async (shell: string) => {
      const { completionCommand } = await import('./completion.js');
      process.exitCode = completionCommand(program, shell);
    });
}
