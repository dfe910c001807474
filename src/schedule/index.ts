/** Schedule engine (docs/design.md 1, Schedules; layout in docs/design.md 5): public API. */
export { nextStarts, startsOnApply, describeSchedule, scheduleTimeZone } from './next-starts.js';
export type { ScheduleContext, ScheduleKind, KindContext } from './types.js';
export { SCHEDULE_DEFAULTS } from './defaults.js';
export { SCHEDULE_KINDS } from './registry.js';
export { isValidTimeZone } from './zone.js';
export {
  randomDelayWindowMs,
  deviceOffsetMs,
  DEFAULT_RANDOM_DELAY_MINUTES,
  AUTOMATIC_DEVICES_PER_MINUTE,
  AUTOMATIC_MIN_MINUTES,
  AUTOMATIC_MAX_MINUTES,
  type DeviceOffsetInput,
} from './random-delay.js';
export { deviceStarts, type DeviceStarts, type DeviceStartsContext } from './device-starts.js';
export { randomDelayView, formatOffset, type RandomDelayView, type TargetDelay, type DelayViewInput } from './delay-view.js';
export { maintenanceWindowAt, type WindowState } from './windows.js';
