import type { EventRecord } from '../state/index.js';
import type { EventFacts } from './events.js';

/** One event on its way to one provider. */
export interface Delivery {
  event: EventRecord;
  facts: EventFacts;
  /** The rendered template. */
  text: string;
  consoleUrl?: string;
}
