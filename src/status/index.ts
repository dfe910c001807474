export { collectStatus, type DeviceStatusRow, type StatusReport } from './report.js';
export { describeCondition, renderStatusText } from './render.js';
export { dpFreshness, freshnessText, freshnessTransition, type FreshnessInput, type SourceTimestamp } from './withholding.js';
