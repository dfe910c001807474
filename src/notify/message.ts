/** The text of a notification: the Notification's Mustache template (or the default) over the event's fields. */
import Mustache from 'mustache';
import type { EventRecord } from '../state/index.js';
import type { EventFacts } from './events.js';

export const DEFAULT_TEMPLATE = '[{{severity}}] {{type}}: {{message}}';

export interface MessageView {
  type: string;
  severity: string;
  message: string;
  subject: string;
  time: string;
  commit: string;
  task: string;
  run: string;
  consoleUrl: string;
}

export function messageView(event: EventRecord, facts: EventFacts, consoleUrl: string | undefined): MessageView {
  return { type: event.type, severity: facts.severity, message: event.message, subject: event.subject ?? '', time: event.time, commit: facts.commit ?? '', task: facts.task ?? '', run: facts.run ?? '', consoleUrl: consoleUrl ?? '' };
}

/** Plain text: nothing is HTML-escaped (chat and mail bodies are not HTML). */
export function renderMessage(template: string | undefined, view: MessageView): string {
  return Mustache.render(template ?? DEFAULT_TEMPLATE, view, {}, { escape: (value: unknown) => String(value) });
}
