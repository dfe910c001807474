export { collectStatus, type DeviceStatusRow, type StatusReport } from './report.js';
export { describeCondition, renderStatusText } from './render.js';
