/**
 * The web console (docs/architecture.md "Console"): server-rendered pages from the store and the
 * status report. Pure rendering and read-only queries; the HTTP edge (routes, session, CSRF) is
 * the controller's (src/controller/api/console.ts).
 */
export { CONSOLE_CSS, CONSOLE_JS } from './assets.js';
export { escapeText, html, path, SafeHtml, trusted, withQuery, type HtmlValue } from './html.js';
export { renderMarkdown } from './markdown.js';
export type { PageContext } from './layout.js';
export {
  countBuckets,
  deviceData,
  DEVICES_PAGE_SIZE,
  dpState,
  FRESHNESS_BUCKETS,
  freshnessBucket,
  groupsData,
  LAST_SEEN_FILTERS,
  lastPlan,
  overviewData,
  pageDevices,
  runData,
  tasksData,
  type ConsoleSource,
  type DeviceFilter,
  type FreshnessBucket,
  type LastSeenFilter,
} from './data.js';
export { renderOverview } from './pages/overview.js';
export { renderDevice, renderDevices, renderGroups } from './pages/fleet.js';
export { renderRun, renderRuns, renderTasks, type RunsFilter } from './pages/tasks.js';
export { renderRollouts, WAVE_DEVICES_SHOWN } from './pages/rollouts.js';
export { rolloutsData, type RolloutsData, type RolloutView, type VerificationView, type WaveView } from './rollouts-data.js';
export { EVENT_LIMITS, renderEvents, type EventsFilter } from './pages/events.js';
export { renderError, renderLogin, renderPlanPage } from './pages/misc.js';
