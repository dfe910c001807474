import { UpdopsError } from '../errors.js';
import type { TimeOfDay } from './civil.js';

const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

/** Parses a manifest `time` (`HH:MM` or `HH:MM:SS`, docs/design.md 1 "Schedule fields by kind"). */
export function parseTimeOfDay(text: string): TimeOfDay {
  const m = TIME_RE.exec(text);
  if (!m) throw new UpdopsError('SCHEMA', `time "${text}" is not HH:MM or HH:MM:SS (24-hour)`);
  return { hour: Number(m[1]), minute: Number(m[2]), second: Number(m[3] ?? 0) };
}

/** `18:00`, or `18:00:30` when seconds matter — the form people write in manifests. */
export function formatTimeOfDay(time: TimeOfDay): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  const hm = `${pad(time.hour)}:${pad(time.minute)}`;
  return time.second === 0 ? hm : `${hm}:${pad(time.second)}`;
}

/** Parses an ISO 8601 date-time with offset (`start`, `at`). */
export function parseInstant(text: string, field: string): Date {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) {
    throw new UpdopsError('SCHEMA', `${field} "${text}" is not an ISO 8601 date-time with offset`);
  }
  return date;
}
