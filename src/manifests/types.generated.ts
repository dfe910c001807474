// Generated from schemas/*.json by `npm run gen`. Do not edit.

/**
 * Any updops manifest.
 */
export type Manifest = Group | UpdateSource | Task | Notification | Rollout;
/**
 * Where the task runs: an administration group (with its subgroups by default), an explicit list of devices and DPs, or the devices whose labels match a selector (in one group's subtree when `group` is given too; seed 001 "device selection").
 */
export type TaskScope = GroupScope | DeviceScope | SelectorScope;
/**
 * UpdateSource names, tried in order; later ones are fallbacks. `vendor` is the source named `vendor`, or else the only source of type `vendor`.
 *
 * @minItems 1
 */
export type Sources = [string, ...string[]];
/**
 * When the task starts (docs/design.md 1, schedules). Defaults per kind follow the seed documents.
 */
export type Schedule =
  | ScheduleManual
  | ScheduleEveryMinutes
  | ScheduleEveryHours
  | ScheduleEveryDays
  | ScheduleEveryWeeks
  | ScheduleDailyNoDst
  | ScheduleWeekly
  | ScheduleDaysOfWeek
  | ScheduleMonthly
  | ScheduleMonthlyByWeeks
  | ScheduleOnOutbreak
  | ScheduleOnTaskCompletion
  | ScheduleOnce
  | ScheduleImmediately
  | ScheduleCron;
/**
 * Spread starts over devices: `{automatic: true}` computes the window from the number of devices in scope; `{minutes: N}` spreads uniformly within N minutes (default 1). Absent: starts exactly on schedule.
 */
export type RandomDelay =
  | {
      automatic: true;
    }
  | {
      minutes?: number;
    };

/**
 * An administration group: a node of the group tree holding distribution points and devices (docs/design.md 1).
 */
export interface Group {
  /**
   * Manifest API version. Always `updops/v1`.
   */
  apiVersion: "updops/v1";
  kind: "Group";
  metadata: Metadata;
  spec: GroupSpec;
}
/**
 * Identity of the object.
 */
export interface Metadata {
  /**
   * Unique name within its kind.
   */
  name: string;
  labels?: Labels;
  annotations?: Labels;
}
/**
 * Free-form string key/value pairs.
 */
export interface Labels {
  [k: string]: string | undefined;
}
export interface GroupSpec {
  description?: string;
  /**
   * Name of the parent group. A group has at most one parent; the tree has no cycles.
   */
  parent?: string;
  /**
   * Distribution points of this group. DP names are unique across all groups.
   */
  distributionPoints?: DistributionPoint[];
  /**
   * Endpoints of this group.
   */
  devices?: Device[];
}
export interface DistributionPoint {
  /**
   * Device or distribution point name (a host name): letters, digits, `-`, `.` and `_`.
   */
  name: string;
  /**
   * Operating system.
   */
  os: "windows" | "linux" | "macos";
  /**
   * Folder for storing updates on this DP (a path on the DP).
   */
  repository: string;
  /**
   * URL the DP's repository is served on, for its devices.
   */
  address?: string;
  /**
   * Name of a download task explicitly set for this DP. Such a DP does not use its group's download task.
   */
  updateTask?: string;
}
export interface Device {
  /**
   * Device or distribution point name (a host name): letters, digits, `-`, `.` and `_`.
   */
  name: string;
  /**
   * Operating system.
   */
  os: "windows" | "linux" | "macos";
  labels?: Labels;
  license?: License;
}
/**
 * Licence of the security application. Without a current licence a device may perform exactly one update.
 */
export interface License {
  /**
   * Last day the licence is valid (YYYY-MM-DD).
   */
  expires: string;
}
/**
 * Where updates are downloaded from (docs/design.md 1, update sources). Every kind must have the layout of an updops repository.
 */
export interface UpdateSource {
  /**
   * Manifest API version. Always `updops/v1`.
   */
  apiVersion: "updops/v1";
  kind: "UpdateSource";
  metadata: Metadata;
  spec: UpdateSourceSpec;
}
export interface UpdateSourceSpec {
  /**
   * `vendor`: the vendor's HTTP(S) update servers (the default source). `upstream`: the primary administration server's repository — another updops controller started with `--serve-repository`, at `http(s)://PRIMARY:PORT/repository/` (any other URL is the validate error `UPSTREAM_NOT_HTTP`); its `secretRef` holds that controller's API token, sent as a bearer token (needed when the primary listens on a non-loopback address). `http`, `ftp`, `folder`: a local or network folder (a mounted SMB share is a folder).
   */
  type: "vendor" | "upstream" | "http" | "ftp" | "folder";
  /**
   * `http(s)://…`, `ftp://…`, or for `folder` a path or `file://` URL. Never put credentials in it: use `secretRef`.
   */
  url: string;
  secretRef?: SecretRef;
  proxy?: Proxy;
  /**
   * Connect and idle timeout in seconds (0 = no timeout).
   */
  timeoutSeconds?: number;
  /**
   * PEM bundle of CAs to trust for HTTPS.
   */
  caFile?: string;
  /**
   * Path (relative to the config repository) of the repository's trusted `root.json`.
   */
  trustRoot?: string;
  bandwidth?: Bandwidth;
}
/**
 * Where a secret is read from at run time: an environment variable or a file (its first line). What it holds is said where it is used: `user:password` for an update source or an SMTP login, a token for a forge, the URL of a chat webhook. Never written in a manifest.
 */
export interface SecretRef {
  /**
   * Environment variable holding the secret.
   */
  env?: string;
  /**
   * File holding the secret (first line).
   */
  file?: string;
}
/**
 * Proxy server for an HTTP(S) source (`http(s)://` URL; `secretRef` for its login). Absent: the standard proxy environment variables of the process that syncs — `HTTPS_PROXY` for https:// sources (CONNECT), `HTTP_PROXY` for http://, `NO_PROXY` (comma list: host suffixes, `host:port`, `*`) to go direct. FTP and folder sources never use a proxy: `proxy` on one is a validate error (`PROXY_NOT_HTTP`).
 */
export interface Proxy {
  url: string;
  secretRef?: SecretRef;
}
/**
 * A download rate cap: `limit` always, or per time of day in `schedule` (the first matching entry wins; outside every entry `limit` applies, and without `limit` the rate is not capped). Enforced by the sync engine with one token bucket shared by every file of the sync, so concurrent downloads together stay within it.
 */
export interface Bandwidth {
  /**
   * Bytes per second with a unit: `500kB/s`, `2MB/s`, `1.5MiB/s` (kB, MB, GB are powers of 1000; KiB, MiB, GiB of 1024; `KB` means kB).
   */
  limit?: string;
  /**
   * IANA zone the schedule's times are read in, e.g. `Europe/Berlin`. Default: UTC.
   */
  timeZone?: string;
  /**
   * @minItems 1
   */
  schedule?: [BandwidthPeriod, ...BandwidthPeriod[]];
}
/**
 * From `from` to `to` (wall clock; `to` before `from` spans midnight), on `days` (default every day), at most `limit`.
 */
export interface BandwidthPeriod {
  /**
   * Wall-clock time `HH:MM` or `HH:MM:SS` (24-hour).
   */
  from: string;
  /**
   * Wall-clock time `HH:MM` or `HH:MM:SS` (24-hour).
   */
  to: string;
  /**
   * @minItems 1
   */
  days?: [
    "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday",
    ...("monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday")[]
  ];
  /**
   * Bytes per second with a unit: `500kB/s`, `2MB/s`, `1.5MiB/s` (kB, MB, GB are powers of 1000; KiB, MiB, GiB of 1024; `KB` means kB).
   */
  limit: string;
}
/**
 * A task: what runs, where, and when (docs/design.md 1, tasks).
 */
export interface Task {
  /**
   * Manifest API version. Always `updops/v1`.
   */
  apiVersion: "updops/v1";
  kind: "Task";
  metadata: Metadata;
  spec: DownloadTaskSpec | UpdateTaskSpec;
}
/**
 * Download updates to the repositories of distribution points (server side, per administration group). Only Windows DPs can run it: a Linux or macOS DP in scope fails, and so does the run. Defaults: `sources: [vendor]`, `schedule: {kind: manual}`.
 */
export interface DownloadTaskSpec {
  type: "DownloadUpdatesToDistributionPoints";
  scope: TaskScope;
  settings?: DownloadTaskSettings;
  verifyOn?: VerifyOn;
  schedule?: Schedule;
  /**
   * Run missed tasks: a device not reachable at the start runs the task when next seen (for manual/once/immediately: as soon as it is visible or joins the scope).
   */
  runMissed?: boolean;
  randomDelay?: RandomDelay;
}
export interface GroupScope {
  group: string;
  includeSubgroups?: boolean;
  selector?: LabelSelector;
}
/**
 * Devices whose `labels` have every key with exactly the given value. DPs have no labels, so a scope with a selector holds devices only: a download task (DownloadUpdatesToDistributionPoints) cannot use one.
 */
export interface LabelSelector {
  /**
   * Label key → value; all must match.
   */
  matchLabels: {
    [k: string]: string | undefined;
  };
}
export interface DeviceScope {
  /**
   * @minItems 1
   */
  devices: [string, ...string[]];
}
export interface SelectorScope {
  selector: LabelSelector;
}
export interface DownloadTaskSettings {
  sources?: Sources;
  /**
   * Also download diff files (deltas), so DPs and devices fetch only what changed.
   */
  downloadDiffFiles?: boolean;
  /**
   * Download updates by using the old scheme (`SHA256SUMS`). Needed when a source holds only old-scheme metadata; otherwise the download fails.
   */
  legacyScheme?: boolean;
  /**
   * Default 21600 (6 h; not filled in, so existing tasks keep their settings revision). A DP whose sources have had a newer TUF timestamp version than the one it serves for longer than this is shown as withholding updates (`updops status` FRESHNESS, event `DistributionPointWithholding`); a few sync periods. A DP serving an expired timestamp is withholding at once.
   */
  withholdingToleranceSeconds?: number;
  /**
   * Only these components (e.g. `databases`, `modules`). Default: all.
   */
  components?: string[];
  bandwidth?: Bandwidth;
  /**
   * Urgent updates (e.g. antivirus databases during an outbreak): the sync ignores every bandwidth cap, the task's and its sources'. Absent: not urgent.
   */
  urgent?: boolean;
}
/**
 * Verify updates on test devices before distributing them (docs/architecture.md "Verify on test devices"): each new release these DPs download goes first to the devices of the Update task `task` (started for them at once); the other devices these DPs serve stay on the last verified release until the test devices report it installed and healthy (after the restart and health check of a module install). A release the test devices fail is not distributed (event `UpdatesVerificationFailed`); the next release is verified anew, or a commit that changes this setting (e.g. bump `retry`) verifies the failed one again. Before the first release is verified, the other devices' runs are skipped. A device's own pin (`spec.version`, a Rollout) goes before the verified release. Absent: new releases go to every device at once.
 */
export interface VerifyOn {
  /**
   * The Update task of the test devices: its devices take each new release first.
   */
  task: string;
  /**
   * Percent of the test devices that must report the release installed and healthy for it to be distributed; it fails as soon as that can no longer be reached.
   */
  successThreshold?: number;
  /**
   * A test device that has not reported the release installed and healthy this long after the DPs got it counts as failed: `30s`, `10m`, `2h`, `1d`.
   */
  pendingTimeout?: string;
  /**
   * Bump to verify a failed release again by a commit (any change of this setting does).
   */
  retry?: number;
}
/**
 * Only started by hand (`updops run`, the API). Default for download tasks.
 */
export interface ScheduleManual {
  kind: "manual";
  /**
   * IANA time zone, e.g. `Europe/Berlin`. Default: the controller's zone.
   */
  timeZone?: string;
}
/**
 * Every N minutes from `start` (default: when the task was first applied).
 */
export interface ScheduleEveryMinutes {
  kind: "everyMinutes";
  every?: number;
  /**
   * ISO 8601 date-time with offset, e.g. `2026-12-01T18:00:00+01:00`.
   */
  start?: string;
  /**
   * IANA time zone, e.g. `Europe/Berlin`. Default: the controller's zone.
   */
  timeZone?: string;
}
/**
 * Every N hours from `start` (default: when the task was first applied).
 */
export interface ScheduleEveryHours {
  kind: "everyHours";
  every?: number;
  /**
   * ISO 8601 date-time with offset, e.g. `2026-12-01T18:00:00+01:00`.
   */
  start?: string;
  /**
   * IANA time zone, e.g. `Europe/Berlin`. Default: the controller's zone.
   */
  timeZone?: string;
}
/**
 * Every N days; `start` is the first run (default: when the task was first applied).
 */
export interface ScheduleEveryDays {
  kind: "everyDays";
  every?: number;
  /**
   * ISO 8601 date-time with offset, e.g. `2026-12-01T18:00:00+01:00`.
   */
  start?: string;
  /**
   * IANA time zone, e.g. `Europe/Berlin`. Default: the controller's zone.
   */
  timeZone?: string;
}
/**
 * Every N weeks on `day` at `time` (default time: the time of day the task was first applied).
 */
export interface ScheduleEveryWeeks {
  kind: "everyWeeks";
  every?: number;
  day?: "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday";
  /**
   * Wall-clock time `HH:MM` or `HH:MM:SS` (24-hour).
   */
  time?: string;
  /**
   * IANA time zone, e.g. `Europe/Berlin`. Default: the controller's zone.
   */
  timeZone?: string;
}
/**
 * Legacy: every N days at `time` at a fixed UTC offset; clock changes (DST) do not move it. Not recommended.
 */
export interface ScheduleDailyNoDst {
  kind: "dailyNoDst";
  every?: number;
  /**
   * Wall-clock time `HH:MM` or `HH:MM:SS` (24-hour).
   */
  time?: string;
  /**
   * IANA time zone, e.g. `Europe/Berlin`. Default: the controller's zone.
   */
  timeZone?: string;
}
/**
 * Every week on one weekday at one time.
 */
export interface ScheduleWeekly {
  kind: "weekly";
  day: "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday";
  /**
   * Wall-clock time `HH:MM` or `HH:MM:SS` (24-hour).
   */
  time: string;
  /**
   * IANA time zone, e.g. `Europe/Berlin`. Default: the controller's zone.
   */
  timeZone?: string;
}
/**
 * On several weekdays at one time. Default: Friday at 18:00.
 */
export interface ScheduleDaysOfWeek {
  kind: "daysOfWeek";
  days?: ("monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday")[];
  /**
   * Wall-clock time `HH:MM` or `HH:MM:SS` (24-hour).
   */
  time?: string;
  /**
   * IANA time zone, e.g. `Europe/Berlin`. Default: the controller's zone.
   */
  timeZone?: string;
}
/**
 * On day `day` of each month; months without that day use their last day. Default day 1.
 */
export interface ScheduleMonthly {
  kind: "monthly";
  day?: number;
  /**
   * Wall-clock time `HH:MM` or `HH:MM:SS` (24-hour).
   */
  time?: string;
  /**
   * IANA time zone, e.g. `Europe/Berlin`. Default: the controller's zone.
   */
  timeZone?: string;
}
/**
 * On the chosen weekdays of the chosen weeks (1st–4th, last) of each month. Nothing is chosen by default, and a schedule with nothing chosen is invalid.
 */
export interface ScheduleMonthlyByWeeks {
  kind: "monthlyByWeeks";
  weeks?: (number | "last")[];
  days?: ("monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday")[];
  /**
   * Wall-clock time `HH:MM` or `HH:MM:SS` (24-hour).
   */
  time?: string;
  /**
   * IANA time zone, e.g. `Europe/Berlin`. Default: the controller's zone.
   */
  timeZone?: string;
}
/**
 * When a virus-outbreak event arrives from one of the chosen application types. Default: all three.
 */
export interface ScheduleOnOutbreak {
  kind: "onOutbreak";
  /**
   * @minItems 1
   */
  applicationTypes?: [
    "workstationsAndFileServers" | "perimeter" | "mail",
    ...("workstationsAndFileServers" | "perimeter" | "mail")[]
  ];
}
/**
 * After another task completes with the chosen outcome; only for devices both tasks share.
 */
export interface ScheduleOnTaskCompletion {
  kind: "onTaskCompletion";
  /**
   * Name of the task whose completion starts this one.
   */
  task: string;
  outcome?: "success" | "failure" | "any";
}
/**
 * One start at `at`.
 */
export interface ScheduleOnce {
  kind: "once";
  /**
   * ISO 8601 date-time with offset, e.g. `2026-12-01T18:00:00+01:00`.
   */
  at: string;
  /**
   * IANA time zone, e.g. `Europe/Berlin`. Default: the controller's zone.
   */
  timeZone?: string;
}
/**
 * One start when the task is applied.
 */
export interface ScheduleImmediately {
  kind: "immediately";
  /**
   * IANA time zone, e.g. `Europe/Berlin`. Default: the controller's zone.
   */
  timeZone?: string;
}
/**
 * A cron expression (5 or 6 fields), evaluated in `timeZone`.
 */
export interface ScheduleCron {
  kind: "cron";
  expression: string;
  /**
   * IANA time zone, e.g. `Europe/Berlin`. Default: the controller's zone.
   */
  timeZone?: string;
}
/**
 * Update the databases and application modules of the security application on devices (endpoint side). Defaults: `sources: [vendor]` (`distributionPoint` names the device's DP), `schedule: {kind: everyMinutes, every: 60}`.
 */
export interface UpdateTaskSpec {
  type: "Update";
  scope: TaskScope;
  /**
   * Rings and pinning: the release this task's devices take, by its targets' `custom.version` (a content `VERSION` file, else the repository version number). The device takes the newest repository version carrying it, an older one if need be, still signed by the current keys and unexpired; the distribution points serving these devices keep that version too. Promotion is a commit changing it; `git revert` of that commit is the rollback. Absent: the current version.
   */
  version?: string;
  settings?: UpdateTaskSettings;
  schedule?: Schedule;
  /**
   * Run missed tasks: a device not reachable at the start runs the task when next seen (for manual/once/immediately: as soon as it is visible or joins the scope).
   */
  runMissed?: boolean;
  randomDelay?: RandomDelay;
}
export interface UpdateTaskSettings {
  sources?: Sources;
  /**
   * What happens to application module updates.
   */
  applicationUpdateMode?: "disabled" | "downloadOnly" | "downloadAndInstall";
  /**
   * Use diff files when the source has them (only what differs is downloaded).
   */
  downloadDiffFiles?: boolean;
  /**
   * Databases older than this are out of date (`BasesAreOutOfDate`).
   */
  outOfDateDays?: number;
  /**
   * Databases older than this are totally out of date (`BasesAreTotallyOutOfDate`).
   */
  totallyOutOfDateDays?: number;
  healthCheck?: HealthCheck;
  bandwidth?: Bandwidth;
  /**
   * When modules may be installed and the application restarted (`applicationUpdateMode: downloadAndInstall`): downloads happen whenever the task runs, but outside every window the install waits for the next window to open (the device result says when) and the agent installs then. Absent: any time.
   *
   * @minItems 1
   */
  maintenanceWindows?: [MaintenanceWindow, ...MaintenanceWindow[]];
  /**
   * Urgent updates: downloads ignore bandwidth caps (the task's and its sources') and installs ignore maintenanceWindows. Absent: not urgent.
   */
  urgent?: boolean;
}
/**
 * Run after a module update and restart; a failure rolls the application back to the previous version.
 */
export interface HealthCheck {
  command: string;
  timeoutSeconds?: number;
}
/**
 * A window that opens at each start of `cron` in `timeZone` (DST-correct) and stays open for `duration`.
 */
export interface MaintenanceWindow {
  /**
   * When the window opens: a cron expression of 5 fields (minute hour day month weekday), e.g. `0 22 * * 1-5`, or 6 with seconds first.
   */
  cron: string;
  /**
   * How long it stays open: `90m`, `2h`, `1h30m`, `1d` (at most 7 days).
   */
  duration: string;
  /**
   * IANA zone the cron expression is read in, e.g. `Europe/Berlin` (required: the device evaluates the window, so it cannot borrow the controller's zone).
   */
  timeZone: string;
}
/**
 * Tells people or systems when something happens (docs/design.md 4, notifications): chosen events, filtered by severity, task or group, go to a chat, a webhook, e-mail, or — as commit statuses — to the forge of the config repository. Secrets are read by reference at delivery time; a failed delivery is retried with backoff and then recorded as a `NotificationFailed` event.
 */
export interface Notification {
  /**
   * Manifest API version. Always `updops/v1`.
   */
  apiVersion: "updops/v1";
  kind: "Notification";
  metadata: Metadata;
  spec: NotificationSpec;
}
export interface NotificationSpec {
  /**
   * Which events are sent. Required for every provider but commit statuses, which follow reconciles: pending while a commit is tried, then `ReconcileApplied` → success and `ReconcileFailed` → failure (both by default; name one to send only it).
   *
   * @minItems 1
   */
  events?: [
    (
      | "ReconcileFailed"
      | "ReconcileApplied"
      | "RunFailed"
      | "BasesAreOutOfDate"
      | "BasesAreTotallyOutOfDate"
      | "ApplicationRolledBack"
      | "DistributionPointWithholding"
      | "DistributionPointFresh"
      | "RolloutWaveStarted"
      | "RolloutHalted"
      | "RolloutResumed"
      | "RolloutCompleted"
      | "UpdatesVerificationStarted"
      | "UpdatesVerified"
      | "UpdatesVerificationFailed"
    ),
    ...(
      | "ReconcileFailed"
      | "ReconcileApplied"
      | "RunFailed"
      | "BasesAreOutOfDate"
      | "BasesAreTotallyOutOfDate"
      | "ApplicationRolledBack"
      | "DistributionPointWithholding"
      | "DistributionPointFresh"
      | "RolloutWaveStarted"
      | "RolloutHalted"
      | "RolloutResumed"
      | "RolloutCompleted"
      | "UpdatesVerificationStarted"
      | "UpdatesVerified"
      | "UpdatesVerificationFailed"
    )[]
  ];
  /**
   * Only events at least this severe: `ReconcileApplied`, `DistributionPointFresh`, `RolloutWaveStarted`, `RolloutResumed`, `RolloutCompleted`, `UpdatesVerificationStarted` and `UpdatesVerified` are info; `BasesAreOutOfDate` and `ApplicationRolledBack` warning; `ReconcileFailed`, `RunFailed`, `BasesAreTotallyOutOfDate`, `DistributionPointWithholding`, `RolloutHalted` and `UpdatesVerificationFailed` error.
   */
  severity?: "info" | "warning" | "error";
  /**
   * Only events about these tasks (their failed runs); events about no task — reconciles, devices — pass.
   */
  tasks?: string[];
  /**
   * Only events about DPs or devices in these groups or their subgroups (a failed run: one of its failed targets); events about none — reconciles — pass.
   */
  groups?: string[];
  /**
   * The message text as a Mustache template. Fields: `type`, `severity`, `message`, `subject`, `time`, `commit`, `task`, `run`, `consoleUrl`. Default: `[{{severity}}] {{type}}: {{message}}`.
   */
  template?: string;
  provider: WebhookProvider | SlackProvider | SmtpProvider | GitHubProvider | GitLabProvider | GiteaProvider;
}
/**
 * A generic JSON webhook: each event is POSTed as `{type, severity, message, subject, time, data, text}`. With `secretRef`, the body is signed: `X-Updops-Signature-256: sha256=<HMAC-SHA256 of the body>` keyed by the secret.
 */
export interface WebhookProvider {
  type: "webhook";
  /**
   * Where events are POSTed.
   */
  url: string;
  secretRef?: SecretRef;
}
/**
 * A Slack-compatible incoming webhook (Slack, Mattermost, Rocket.Chat): `{text}` is POSTed. The webhook's URL is itself the credential, so it is given only by `secretRef`: the variable or file holds the URL.
 */
export interface SlackProvider {
  type: "slack";
  secretRef: SecretRef;
}
/**
 * E-mail over SMTP: one message per event, subject `updops: TYPE`, body the message text. `secretRef` holds `user:password` when the server wants a login.
 */
export interface SmtpProvider {
  type: "smtp";
  host: string;
  port?: number;
  /**
   * TLS from the start (port 465); otherwise STARTTLS when the server offers it.
   */
  secure?: boolean;
  from: string;
  /**
   * @minItems 1
   */
  to: [string, ...string[]];
  secretRef?: SecretRef;
}
/**
 * Commit statuses on GitHub (`POST /repos/OWNER/NAME/statuses/SHA`): pending while a commit is tried, then success or failure, linking to the console. `secretRef` holds a token with `repo:status` (the whole first line).
 */
export interface GitHubProvider {
  type: "github";
  /**
   * `owner/name`.
   */
  repository: string;
  /**
   * API base URL (GitHub Enterprise: `https://HOST/api/v3`).
   */
  url?: string;
  context?: string;
  secretRef: SecretRef;
}
/**
 * Commit statuses on GitLab (`POST /projects/ID/statuses/SHA`). `secretRef` holds a token with `api` scope.
 */
export interface GitLabProvider {
  type: "gitlab";
  /**
   * The project's path, `group/name`.
   */
  repository: string;
  url?: string;
  context?: string;
  secretRef: SecretRef;
}
/**
 * Commit statuses on Gitea or Forgejo (`POST /repos/OWNER/NAME/statuses/SHA`). `secretRef` holds an access token.
 */
export interface GiteaProvider {
  type: "gitea";
  repository: string;
  /**
   * API base URL, `https://HOST/api/v1`.
   */
  url: string;
  context?: string;
  secretRef: SecretRef;
}
/**
 * Rolls a version out to an Update task's devices in waves (issue 19, docs/architecture.md "Rollouts"): the devices of the first wave get `version`, the rest stay on the task's own pinned `spec.version` until the wave passes its success threshold; a wave whose failures pass its error threshold halts the rollout (event `RolloutHalted`). A device succeeds when it reports the version installed and, after a module install, healthy after the restart and health check; one silent for `pendingTimeout` counts as failed. A halted rollout resumes by a commit that changes this spec (e.g. bump `resume`) or `updops rollout resume NAME`.
 */
export interface Rollout {
  /**
   * Manifest API version. Always `updops/v1`.
   */
  apiVersion: "updops/v1";
  kind: "Rollout";
  metadata: Metadata;
  spec: RolloutSpec;
}
export interface RolloutSpec {
  /**
   * The Update task whose devices roll out. It must pin the version its devices hold now (`spec.version`): devices outside the admitted waves stay on it.
   */
  task: string;
  /**
   * The version rolled out: the targets' custom `version`, as in a task's `spec.version`.
   */
  version: string;
  /**
   * In order. Each wave takes the task's devices its selection names that no earlier wave took; after the last wave every device of the task is in.
   *
   * @minItems 1
   * @maxItems 20
   */
  waves:
    | [RolloutWave]
    | [RolloutWave, RolloutWave]
    | [RolloutWave, RolloutWave, RolloutWave]
    | [RolloutWave, RolloutWave, RolloutWave, RolloutWave]
    | [RolloutWave, RolloutWave, RolloutWave, RolloutWave, RolloutWave]
    | [RolloutWave, RolloutWave, RolloutWave, RolloutWave, RolloutWave, RolloutWave]
    | [RolloutWave, RolloutWave, RolloutWave, RolloutWave, RolloutWave, RolloutWave, RolloutWave]
    | [RolloutWave, RolloutWave, RolloutWave, RolloutWave, RolloutWave, RolloutWave, RolloutWave, RolloutWave]
    | [
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave
      ]
    | [
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave
      ]
    | [
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave
      ]
    | [
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave
      ]
    | [
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave
      ]
    | [
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave
      ]
    | [
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave
      ]
    | [
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave
      ]
    | [
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave
      ]
    | [
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave
      ]
    | [
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave
      ]
    | [
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave,
        RolloutWave
      ];
  /**
   * Bump to resume a halted rollout by a commit without changing anything else (any change of this spec resumes it).
   */
  resume?: number;
}
export interface RolloutWave {
  name: string;
  /**
   * These devices of the task.
   *
   * @minItems 1
   */
  devices?: [string, ...string[]];
  /**
   * The task's devices in these groups (not their subgroups).
   *
   * @minItems 1
   */
  groups?: [string, ...string[]];
  selector?: LabelSelector;
  /**
   * Up to this share of all the task's devices in this and earlier waves, chosen by a stable hash of the rollout and device names (100: every device left).
   */
  percent?: number;
  /**
   * Percent of the wave's devices that must succeed before the next wave starts.
   */
  successThreshold?: number;
  /**
   * The rollout halts when more than this percent of the wave's devices failed (0: any failure halts).
   */
  errorThreshold?: number;
  /**
   * A device of the wave that has not succeeded this long after the wave started counts as failed: `30s`, `10m`, `2h`, `1d`.
   */
  pendingTimeout?: string;
}
