export { collectStatus, type StatusReport } from './report.js';
export { describeCondition, renderStatusText } from './render.js';
