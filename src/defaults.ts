/**
 * Every default of updops in one place (docs/architecture.md "Defaults"). Commander options,
 * the code and the JSON Schemas all read these values: the CLI's option defaults are built from
 * them, the code falls back to them, and test/defaults.test.ts fails when a schema `default`
 * says otherwise (the schemas stay the source of truth for manifest shape, docs/style.md 5).
 */
export const DEFAULTS = {
  /** DPs (or devices) worked on at once within one run. */
  runConcurrency: 4,
  /** Files downloaded at once within one sync. */
  syncConcurrency: 8,
  /** `--max-deletes`: an apply deleting more recorded objects than this is refused. */
  maxDeletes: 10,
  /** The controller polls its branch this often. */
  pollMs: 60_000,
  /** A failed commit is tried again after this, doubling per failure in a row… */
  reconcileRetryMs: 10_000,
  /** …up to this (Flux-like bounded backoff); a new commit or a webhook tries at once. */
  reconcileRetryMaxMs: 10 * 60_000,
  /** The active controller's lease expires this long after its last renewal (renewed every third of it); a standby takes over then (`--lease-ttl`). */
  controllerLeaseMs: 10_000,
  /**
   * A controller that takes over (a failover, a quick restart) runs each scheduled start that fell
   * due since the last recorded one, as scheduled, when the oldest is at most this old; after a
   * longer downtime the starts are missed (one `missed` run with runMissed).
   */
  failoverCatchUpMs: 60_000,
  /** An apply's lock expires this long after its last renewal (a dead holder's lock can be taken over). */
  lockTtlMs: 10 * 60_000,
  /** A DP whose source has had a newer timestamp version for longer than this is withholding updates (schema: DownloadTaskSettings withholdingToleranceSeconds). */
  withholdingToleranceSeconds: 6 * 3600,
  /** The controller asks a DP's sources for their timestamp at most this often (per source). */
  upstreamTimestampCacheMs: 30_000,
  /** Agents heartbeat this often. */
  heartbeatSeconds: 15,
  /** How often the leader steps its rollouts (reads devices' reports, passes gates): `--rollout-interval`. */
  rolloutTickMs: 5_000,
  /** An agent that missed this many heartbeats counts as gone (not visible). */
  missedBeats: 3,
  /** A run waits this long for an agent's result, then the target fails. */
  agentResultTimeoutMs: 10 * 60_000,
  /** A forge's webhook body larger than this is refused (413); push payloads run larger than API calls. */
  webhookBodyLimit: 1024 * 1024,
  /** Webhook delivery ids remembered, so a replayed delivery reconciles once. */
  webhookRecentDeliveries: 1000,
  /** Where the controller and `updops serve` listen. */
  listen: '127.0.0.1:8080',
  /** Connect/idle timeout of an update source (schema: UpdateSource spec.timeoutSeconds). */
  sourceTimeoutSeconds: 10,
  /** The endpoint Update task (schema: Task, type Update, settings). */
  update: {
    applicationUpdateMode: 'downloadOnly',
    downloadDiffFiles: true,
    outOfDateDays: 3,
    totallyOutOfDateDays: 7,
    healthCheckTimeoutSeconds: 30,
  },
} as const;
