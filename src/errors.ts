/**
 * One error type for the whole product (docs/style.md 6): a stable `code` that callers and tests
 * match on, a message a person can act on, and — when a file is at fault — where.
 * Never match on message text.
 */
export const ERROR_CODES = [
  // manifests (docs/design.md 2: desired state)
  'YAML_SYNTAX',
  'DUPLICATE_KEY',
  'YAML_LIMIT',
  'API_VERSION',
  'UNKNOWN_KIND',
  'SCHEMA',
  'DUPLICATE_NAME',
  'UNKNOWN_PARENT',
  'GROUP_CYCLE',
  'UNKNOWN_SOURCE',
  'UNKNOWN_TASK',
  'TASK_CHAIN_CYCLE',
  'DUPLICATE_DP',
  'UPDATE_TASK_SCOPE',
  'TASK_NAME',
  'SCHEDULE_EMPTY',
  'TIME_ZONE',
  'CRON',
  'INLINE_SECRET',
  'UNKNOWN_GROUP',
  'UNKNOWN_DEVICE',
  'PROXY_NOT_HTTP',
  'SCOPE_SELECTOR',
  'UPSTREAM_NOT_HTTP',
  'BANDWIDTH',
  'MAINTENANCE_WINDOW',
  'ROLLOUT',
  'VERIFY_ON',
  'NO_MANIFESTS',
  'FILE_READ',
  // warnings (plan and validate show them; they do not fail)
  'NON_WINDOWS_DP',
  'DP_WITHOUT_TASK',
  'EMPTY_SELECTOR',
  'ROLLOUT_UNCOVERED',
  'VERIFY_ON_NO_DEVICES',
  /** A pinned version (`spec.version`) the plan could not check: offline, or no source answered. */
  'PIN_UNCHECKED',
  // repositories (docs/design.md 3)
  'KEYS',
  'PUBLISH',
  'SOURCE_UNREACHABLE',
  'SOURCE_NOT_FOUND',
  'LEGACY_SCHEME_REQUIRED',
  'LEGACY_MISMATCH',
  'TUF_SIGNATURE',
  'TUF_EXPIRED',
  'TUF_ROLLBACK',
  'TUF_HASH_MISMATCH',
  'TUF_LENGTH_EXCEEDED',
  'TUF_METADATA',
  'TUF_PATH',
  /** A pinned version (`spec.version`) the repository does not have (rings and pinning). */
  'PIN_NOT_FOUND',
  /** A repository a version cannot be pinned in (delegated targets, no consistent snapshots, the old scheme). */
  'PIN_UNSUPPORTED',
  'DOWNLOAD_TIMEOUT',
  'DELTA',
  'SYNC',
  'DISK',
  'SECRET',
  // notifications (docs/design.md 4)
  'NOTIFY',
  // endpoint Update task (docs/design.md 1 "Type Update")
  'LICENSE',
  'APPLICATION',
  /** A run stopped on purpose (an operator's cancel reaching the agent). */
  'CANCELLED',
  // reconcile, state, controller
  'STATE',
  'NO_STATE',
  'LOCKED',
  'CONFLICT',
  'LEASE',
  /** A write by a controller whose lease generation is no longer the current one: another replica leads now. */
  'FENCED',
  'PLAN_STALE',
  'GIT',
  'USAGE',
  'LISTEN',
  'NOT_FOUND',
  'UNAUTHORIZED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Where in a manifest file a problem is: 1-based line and column, plus the JSON path inside the document. */
export interface SourceLocation {
  file: string;
  line: number;
  col: number;
  /** JSON pointer of the offending value inside its document, e.g. `/spec/schedule/days`. */
  path?: string;
}

export class UpdopsError extends Error {
  readonly code: ErrorCode;
  readonly location: SourceLocation | undefined;
  /**
   * A finer, stable tag inside the code for callers that suggest a fix (`http-401`, `ECONNREFUSED`,
   * `proxy:ECONNREFUSED`, a TLS error code): matching it is matching data, not message text.
   */
  readonly detail: string | undefined;

  constructor(code: ErrorCode, message: string, options: { location?: SourceLocation; cause?: unknown; detail?: string } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'UpdopsError';
    this.code = code;
    this.location = options.location;
    this.detail = options.detail;
  }

  /** The one-line form every command prints: `FILE:LINE:COL: CODE: message (at /json/path)`. */
  toLine(): string {
    return formatProblem({ code: this.code, message: this.message, location: this.location });
  }
}

export function isUpdopsError(value: unknown): value is UpdopsError {
  return value instanceof UpdopsError;
}

/** A problem found while checking input; validation returns these, it never throws (docs/style.md 4). */
export interface Problem {
  code: ErrorCode;
  message: string;
  location?: SourceLocation | undefined;
}

export function formatProblem(problem: Problem): string {
  const { location } = problem;
  const where = location ? `${location.file}:${location.line}:${location.col}: ` : '';
  const at = location?.path ? ` (at ${location.path})` : '';
  return `${where}${problem.code}: ${problem.message}${at}`;
}
