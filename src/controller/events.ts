/**
 * Event types the controller core appends to the state store (docs/design.md 1 "Runs and
 * statuses": runs and events are kept in the state store and shown by status, API, dashboard).
 */
export const CONTROLLER_EVENTS = {
  /** A commit was planned and applied; `data: {commit, serial}`. */
  applied: 'ReconcileApplied',
  /** A commit could not be applied (invalid config, refused apply); `data: {commit, code}`. Once per commit. */
  reconcileFailed: 'ReconcileFailed',
  /** The config remote could not be read; once per failure streak. */
  configUnreachable: 'ConfigSourceUnreachable',
  /** A virus-outbreak event arrived (`subject`: the application type). */
  outbreak: 'VirusOutbreak',
} as const;
