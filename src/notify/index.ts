/** Notifications (docs/architecture.md "Notifications"): routing events to chat, webhooks, e-mail and commit statuses. */
export { Notifier, NOTIFICATION_FAILED, type NotificationsNow, type NotifierOptions } from './notifier.js';
export { SEVERITY_OF } from './events.js';
export { SIGNATURE_HEADER } from './providers/chat.js';
