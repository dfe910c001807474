/** What the planner is told about each DP repository in a download task's scope (gathered by observe.ts). */
export interface SourceProbe {
  name: string;
  reachable: boolean;
  /** Fingerprint of the source's current version (sha256 of its timestamp metadata, or of SHA256SUMS). */
  fingerprint?: string;
  version?: number;
  /** Why it cannot be used: the error's code, message, and what to change when updops can tell. */
  code?: string;
  error?: string;
  fix?: string;
}

export interface RepositoryStatus {
  dp: string;
  task: string;
  repository: string;
  /** The task's schedule is `manual`: apply never starts it. */
  manual: boolean;
  /** Source names of the task, in order. */
  sources: string[];
  version?: number;
  published?: string;
  fingerprint?: string;
  missing: string[];
  corrupt: string[];
  /**
   * What the next sync from the first reachable source would move (its metadata against what the
   * DP holds); absent when the DP is current, the source is old-scheme or unreachable, or offline.
   */
  transfer?: { source: string; files: number; bytes: number; fromDiffs: number };
  /** The first reachable source, if any. */
  probe?: SourceProbe;
  unreachable: SourceProbe[];
}
