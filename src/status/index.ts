export { collectStatus, type StatusReport } from './report.js';
export { renderStatusText } from './render.js';
