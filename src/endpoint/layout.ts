/** Where things live under a device's update root (docs/design.md 1 "Type Update"). */
import path from 'node:path';

export const deviceLayout = (root: string) => ({
  /** The installed, verified databases: a TUF mirror restricted to `databases`. */
  bases: path.join(root, 'bases'),
  /** Held only between the two renames of a switch; recovered on start. */
  basesPrevious: path.join(root, 'bases.previous'),
  staging: path.join(root, '.staging'),
  /** A TUF mirror restricted to `modules`. */
  modulesMirror: path.join(root, '.modules'),
  /** downloadOnly: `<version>/` holds one application's module files. */
  moduleDownloads: path.join(root, 'modules-downloads'),
  app: path.join(root, 'app'),
  state: path.join(root, 'state.json'),
  /** The last assignment's task settings (thresholds, health check), for use after an agent restart. */
  taskSettings: path.join(root, 'task-settings.json'),
  lock: path.join(root, '.update.lock'),
});

export type DeviceLayout = ReturnType<typeof deviceLayout>;
