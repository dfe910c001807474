// Table of nextStarts cases (docs/design.md 1 "Schedules"; seed 001 "Scheduled start"). Expected
// instants are literal UTC ISO strings worked out by hand from the zone rules:
// Europe/Berlin CET +01:00, CEST +02:00 from 2026-03-29T01:00Z to 2026-10-25T01:00Z;
// America/New_York EST -05:00, EDT -04:00 from 2026-03-08T07:00Z to 2026-11-01T06:00Z.
import t from 'tap';
import type { Schedule } from '../../src/manifests/types.generated.js';
import { nextStarts } from '../../src/schedule/index.js';

interface Case {
  name: string;
  schedule: Schedule;
  after: string;
  count: number;
  expect: string[];
  /** When the task was first applied; default Monday 2026-01-05 09:15 in Berlin. */
  anchor?: string;
  defaultTimeZone?: string;
}

const ANCHOR = '2026-01-05T08:15:00Z';
const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';

const cases: Case[] = [
  // manual, immediately, events, once
  { name: 'manual never starts by itself', schedule: { kind: 'manual' }, after: '2026-01-01T00:00:00Z', count: 3, expect: [] },
  { name: 'immediately has no clock starts (it starts on apply)', schedule: { kind: 'immediately' }, after: '2026-01-01T00:00:00Z', count: 3, expect: [] },
  { name: 'onOutbreak with default application types has no clock starts', schedule: { kind: 'onOutbreak' }, after: '2026-01-01T00:00:00Z', count: 3, expect: [] },
  { name: 'onOutbreak from mail only has no clock starts', schedule: { kind: 'onOutbreak', applicationTypes: ['mail'] }, after: '2026-01-01T00:00:00Z', count: 3, expect: [] },
  { name: 'onTaskCompletion has no clock starts', schedule: { kind: 'onTaskCompletion', task: 'download' }, after: '2026-01-01T00:00:00Z', count: 3, expect: [] },
  { name: 'once in the future starts once at its instant', schedule: { kind: 'once', at: '2026-12-01T18:00:00+01:00' }, after: '2026-06-01T00:00:00Z', count: 3, expect: ['2026-12-01T17:00:00.000Z'] },
  { name: 'once in the past never starts', schedule: { kind: 'once', at: '2026-01-01T18:00:00+01:00' }, after: '2026-06-01T00:00:00Z', count: 3, expect: [] },
  { name: 'once exactly at after is not strictly after', schedule: { kind: 'once', at: '2026-12-01T17:00:00Z' }, after: '2026-12-01T17:00:00Z', count: 1, expect: [] },
  { name: 'count 0 returns nothing', schedule: { kind: 'weekly', day: 'friday', time: '18:00' }, after: '2026-01-01T00:00:00Z', count: 0, expect: [] },

  // everyMinutes / everyHours: absolute strides from start (default: the anchor)
  { name: 'everyMinutes defaults to every 30 minutes from the anchor', schedule: { kind: 'everyMinutes' }, after: '2026-01-05T09:00:00Z', count: 3, expect: ['2026-01-05T09:15:00.000Z', '2026-01-05T09:45:00.000Z', '2026-01-05T10:15:00.000Z'] },
  { name: 'everyMinutes before its start begins at start', schedule: { kind: 'everyMinutes', every: 45, start: '2026-01-05T10:00:00+01:00' }, after: '2026-01-05T08:00:00Z', count: 3, expect: ['2026-01-05T09:00:00.000Z', '2026-01-05T09:45:00.000Z', '2026-01-05T10:30:00.000Z'] },
  { name: 'everyMinutes is strictly after a start', schedule: { kind: 'everyMinutes', every: 45, start: '2026-01-05T10:00:00+01:00' }, after: '2026-01-05T09:45:00Z', count: 2, expect: ['2026-01-05T10:30:00.000Z', '2026-01-05T11:15:00.000Z'] },
  { name: 'everyMinutes keeps elapsed spacing across Berlin spring forward', schedule: { kind: 'everyMinutes', every: 30, start: '2026-03-29T01:00:00+01:00', timeZone: BERLIN }, after: '2026-03-29T00:40:00Z', count: 3, expect: ['2026-03-29T01:00:00.000Z', '2026-03-29T01:30:00.000Z', '2026-03-29T02:00:00.000Z'] },
  { name: 'everyHours defaults to every 6 hours from the anchor', schedule: { kind: 'everyHours' }, after: '2026-01-06T00:00:00Z', count: 2, expect: ['2026-01-06T02:15:00.000Z', '2026-01-06T08:15:00.000Z'] },
  { name: 'everyHours strides in elapsed hours across Berlin spring forward', schedule: { kind: 'everyHours', every: 6, start: '2026-03-28T12:00:00+01:00', timeZone: BERLIN }, after: '2026-03-28T12:00:00Z', count: 3, expect: ['2026-03-28T17:00:00.000Z', '2026-03-28T23:00:00.000Z', '2026-03-29T05:00:00.000Z'] },
  { name: 'everyHours runs every elapsed hour through the repeated Berlin hour', schedule: { kind: 'everyHours', every: 1, start: '2026-10-25T01:00:00+02:00', timeZone: BERLIN }, after: '2026-10-24T23:00:00Z', count: 3, expect: ['2026-10-25T00:00:00.000Z', '2026-10-25T01:00:00.000Z', '2026-10-25T02:00:00.000Z'] },
  { name: 'everyHours strides in elapsed hours across New York fall back', schedule: { kind: 'everyHours', every: 4, start: '2026-10-31T20:00:00-04:00', timeZone: NEW_YORK }, after: '2026-11-01T00:00:00Z', count: 3, expect: ['2026-11-01T04:00:00.000Z', '2026-11-01T08:00:00.000Z', '2026-11-01T12:00:00.000Z'] },

  // everyDays: calendar days at the start's wall-clock time
  { name: 'everyDays defaults to every day at the anchor time', schedule: { kind: 'everyDays' }, after: ANCHOR, count: 2, expect: ['2026-01-06T08:15:00.000Z', '2026-01-07T08:15:00.000Z'] },
  { name: 'everyDays every 3 days from a first run date-time', schedule: { kind: 'everyDays', every: 3, start: '2026-01-10T06:00:00+01:00' }, after: '2026-01-01T00:00:00Z', count: 3, expect: ['2026-01-10T05:00:00.000Z', '2026-01-13T05:00:00.000Z', '2026-01-16T05:00:00.000Z'] },
  { name: 'everyDays with a first run years ahead starts then', schedule: { kind: 'everyDays', every: 7, start: '2029-06-01T12:00:00Z', timeZone: 'UTC' }, after: '2026-01-01T00:00:00Z', count: 2, expect: ['2029-06-01T12:00:00.000Z', '2029-06-08T12:00:00.000Z'] },
  { name: 'everyDays every 2 days crosses a month end', schedule: { kind: 'everyDays', every: 2, start: '2026-01-30T18:00:00+01:00' }, after: '2026-01-30T17:00:00Z', count: 2, expect: ['2026-02-01T17:00:00.000Z', '2026-02-03T17:00:00.000Z'] },
  { name: 'everyDays keeps 09:00 wall clock across Berlin spring forward', schedule: { kind: 'everyDays', start: '2026-03-27T09:00:00+01:00', timeZone: BERLIN }, after: '2026-03-28T00:00:00Z', count: 3, expect: ['2026-03-28T08:00:00.000Z', '2026-03-29T07:00:00.000Z', '2026-03-30T07:00:00.000Z'] },
  { name: 'everyDays at 02:30 runs at 03:00 CEST on the Berlin spring-forward day', schedule: { kind: 'everyDays', start: '2026-03-28T02:30:00+01:00', timeZone: BERLIN }, after: '2026-03-28T02:00:00Z', count: 2, expect: ['2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z'] },
  { name: 'everyDays at 02:30 runs once, at the first 02:30, on the Berlin fall-back day', schedule: { kind: 'everyDays', start: '2026-10-24T02:30:00+02:00', timeZone: BERLIN }, after: '2026-10-24T12:00:00Z', count: 2, expect: ['2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z'] },
  { name: 'everyDays at 02:30 runs at 03:00 EDT on the New York spring-forward day', schedule: { kind: 'everyDays', start: '2026-03-07T02:30:00-05:00', timeZone: NEW_YORK }, after: '2026-03-07T08:00:00Z', count: 2, expect: ['2026-03-08T07:00:00.000Z', '2026-03-09T06:30:00.000Z'] },

  // everyWeeks: N-week strides counted from the anchor's week
  { name: 'everyWeeks defaults to every Monday at the anchor time', schedule: { kind: 'everyWeeks' }, after: ANCHOR, count: 2, expect: ['2026-01-12T08:15:00.000Z', '2026-01-19T08:15:00.000Z'] },
  { name: 'everyWeeks every 2 weeks on Friday counts from the anchor week', schedule: { kind: 'everyWeeks', every: 2, day: 'friday', time: '18:00' }, after: ANCHOR, count: 3, expect: ['2026-01-09T17:00:00.000Z', '2026-01-23T17:00:00.000Z', '2026-02-06T17:00:00.000Z'] },
  { name: 'everyWeeks every 2 weeks stays on stride across the 2025/2026 year end', schedule: { kind: 'everyWeeks', every: 2, day: 'wednesday', time: '10:00' }, anchor: '2025-12-01T09:00:00Z', after: '2025-12-20T00:00:00Z', count: 3, expect: ['2025-12-31T09:00:00.000Z', '2026-01-14T09:00:00.000Z', '2026-01-28T09:00:00.000Z'] },
  { name: 'everyWeeks every 3 weeks stays on stride across the 2026/2027 year end', schedule: { kind: 'everyWeeks', every: 3, day: 'monday', time: '08:00' }, anchor: '2026-12-14T12:00:00Z', after: '2026-12-15T00:00:00Z', count: 2, expect: ['2027-01-04T07:00:00.000Z', '2027-01-25T07:00:00.000Z'] },
  { name: 'everyWeeks Sunday 02:30 runs at 03:00 CEST on the Berlin spring-forward day', schedule: { kind: 'everyWeeks', day: 'sunday', time: '02:30' }, after: '2026-03-21T00:00:00Z', count: 3, expect: ['2026-03-22T01:30:00.000Z', '2026-03-29T01:00:00.000Z', '2026-04-05T00:30:00.000Z'] },
  { name: 'everyWeeks default time keeps its wall clock after spring forward', schedule: { kind: 'everyWeeks' }, after: '2026-03-23T00:00:00Z', count: 2, expect: ['2026-03-23T08:15:00.000Z', '2026-03-30T07:15:00.000Z'] },

  // dailyNoDst: fixed UTC offset of the anchor
  { name: 'dailyNoDst defaults to every day at the anchor time', schedule: { kind: 'dailyNoDst' }, after: ANCHOR, count: 2, expect: ['2026-01-06T08:15:00.000Z', '2026-01-07T08:15:00.000Z'] },
  { name: 'dailyNoDst keeps the winter UTC time across Berlin spring forward', schedule: { kind: 'dailyNoDst', time: '09:00' }, after: '2026-03-28T00:00:00Z', count: 3, expect: ['2026-03-28T08:00:00.000Z', '2026-03-29T08:00:00.000Z', '2026-03-30T08:00:00.000Z'] },
  { name: 'dailyNoDst keeps the summer UTC time across Berlin fall back', schedule: { kind: 'dailyNoDst', time: '09:00' }, anchor: '2026-07-01T10:00:00Z', after: '2026-10-24T00:00:00Z', count: 3, expect: ['2026-10-24T07:00:00.000Z', '2026-10-25T07:00:00.000Z', '2026-10-26T07:00:00.000Z'] },
  { name: 'dailyNoDst at 02:30 is not moved by the New York spring gap', schedule: { kind: 'dailyNoDst', time: '02:30', timeZone: NEW_YORK }, anchor: '2026-01-15T15:00:00Z', after: '2026-03-07T00:00:00Z', count: 3, expect: ['2026-03-07T07:30:00.000Z', '2026-03-08T07:30:00.000Z', '2026-03-09T07:30:00.000Z'] },
  { name: 'dailyNoDst every 2 days counts from the anchor day', schedule: { kind: 'dailyNoDst', every: 2, time: '06:00' }, after: '2026-01-06T00:00:00Z', count: 2, expect: ['2026-01-07T05:00:00.000Z', '2026-01-09T05:00:00.000Z'] },

  // weekly
  { name: 'weekly Friday 18:00 in Berlin', schedule: { kind: 'weekly', day: 'friday', time: '18:00', timeZone: BERLIN }, after: '2026-01-05T00:00:00Z', count: 2, expect: ['2026-01-09T17:00:00.000Z', '2026-01-16T17:00:00.000Z'] },
  { name: 'weekly is strictly after a start', schedule: { kind: 'weekly', day: 'friday', time: '18:00' }, after: '2026-01-09T17:00:00Z', count: 1, expect: ['2026-01-16T17:00:00.000Z'] },
  { name: 'weekly keeps seconds of HH:MM:SS', schedule: { kind: 'weekly', day: 'monday', time: '06:30:15', timeZone: NEW_YORK }, after: '2026-01-05T00:00:00Z', count: 2, expect: ['2026-01-05T11:30:15.000Z', '2026-01-12T11:30:15.000Z'] },
  { name: 'weekly Sunday 02:30 runs at 03:00 CEST on the Berlin spring-forward day', schedule: { kind: 'weekly', day: 'sunday', time: '02:30' }, after: '2026-03-28T00:00:00Z', count: 2, expect: ['2026-03-29T01:00:00.000Z', '2026-04-05T00:30:00.000Z'] },
  { name: 'weekly Sunday 02:30 runs once, at the first 02:30, on the Berlin fall-back day', schedule: { kind: 'weekly', day: 'sunday', time: '02:30' }, after: '2026-10-24T00:00:00Z', count: 2, expect: ['2026-10-25T00:30:00.000Z', '2026-11-01T01:30:00.000Z'] },
  { name: 'weekly does not rerun in the second 02:30 of the Berlin fall-back day', schedule: { kind: 'weekly', day: 'sunday', time: '02:30' }, after: '2026-10-25T00:45:00Z', count: 1, expect: ['2026-11-01T01:30:00.000Z'] },
  { name: 'weekly Sunday 02:30 runs at 03:00 EDT on the New York spring-forward day', schedule: { kind: 'weekly', day: 'sunday', time: '02:30', timeZone: NEW_YORK }, after: '2026-03-07T00:00:00Z', count: 2, expect: ['2026-03-08T07:00:00.000Z', '2026-03-15T06:30:00.000Z'] },
  { name: 'weekly Sunday 01:30 runs once, in EDT, on the New York fall-back day', schedule: { kind: 'weekly', day: 'sunday', time: '01:30', timeZone: NEW_YORK }, after: '2026-10-31T12:00:00Z', count: 2, expect: ['2026-11-01T05:30:00.000Z', '2026-11-08T06:30:00.000Z'] },
  { name: 'weekly Sunday 02:15 in the half-hour Lord Howe gap runs at its end (02:30 +11:00)', schedule: { kind: 'weekly', day: 'sunday', time: '02:15', timeZone: 'Australia/Lord_Howe' }, after: '2026-10-01T00:00:00Z', count: 2, expect: ['2026-10-03T15:30:00.000Z', '2026-10-10T15:15:00.000Z'] },
  { name: 'weekly Sunday 01:45 in the half-hour Lord Howe overlap runs once, first', schedule: { kind: 'weekly', day: 'sunday', time: '01:45', timeZone: 'Australia/Lord_Howe' }, after: '2026-04-01T00:00:00Z', count: 2, expect: ['2026-04-04T14:45:00.000Z', '2026-04-11T15:15:00.000Z'] },
  { name: 'weekly timeZone of the schedule wins over the default zone', schedule: { kind: 'weekly', day: 'friday', time: '18:00', timeZone: 'Asia/Tokyo' }, defaultTimeZone: 'UTC', after: '2026-01-05T00:00:00Z', count: 1, expect: ['2026-01-09T09:00:00.000Z'] },
  { name: 'weekly without timeZone uses the controller default zone', schedule: { kind: 'weekly', day: 'friday', time: '18:00' }, defaultTimeZone: NEW_YORK, after: '2026-01-05T00:00:00Z', count: 1, expect: ['2026-01-09T23:00:00.000Z'] },

  // daysOfWeek
  { name: 'daysOfWeek defaults to Friday at 18:00', schedule: { kind: 'daysOfWeek' }, after: '2026-01-05T00:00:00Z', count: 2, expect: ['2026-01-09T17:00:00.000Z', '2026-01-16T17:00:00.000Z'] },
  { name: 'daysOfWeek Monday, Wednesday and Friday in order', schedule: { kind: 'daysOfWeek', days: ['monday', 'wednesday', 'friday'], time: '07:00' }, after: '2026-01-07T06:00:00Z', count: 3, expect: ['2026-01-09T06:00:00.000Z', '2026-01-12T06:00:00.000Z', '2026-01-14T06:00:00.000Z'] },
  { name: 'daysOfWeek weekend 02:30 across the Berlin spring-forward day', schedule: { kind: 'daysOfWeek', days: ['saturday', 'sunday'], time: '02:30' }, after: '2026-03-27T00:00:00Z', count: 3, expect: ['2026-03-28T01:30:00.000Z', '2026-03-29T01:00:00.000Z', '2026-04-04T00:30:00.000Z'] },
  { name: 'daysOfWeek weekend 01:30 across the New York fall-back day', schedule: { kind: 'daysOfWeek', days: ['saturday', 'sunday'], time: '01:30', timeZone: NEW_YORK }, after: '2026-10-30T12:00:00Z', count: 3, expect: ['2026-10-31T05:30:00.000Z', '2026-11-01T05:30:00.000Z', '2026-11-07T06:30:00.000Z'] },
  { name: 'daysOfWeek with no day chosen never starts', schedule: { kind: 'daysOfWeek', days: [] }, after: '2026-01-05T00:00:00Z', count: 2, expect: [] },

  // monthly
  { name: 'monthly defaults to day 1 at the anchor time', schedule: { kind: 'monthly' }, after: '2026-01-05T00:00:00Z', count: 3, expect: ['2026-02-01T08:15:00.000Z', '2026-03-01T08:15:00.000Z', '2026-04-01T07:15:00.000Z'] },
  { name: 'monthly on the 31st runs on the last day of February, March and April', schedule: { kind: 'monthly', day: 31, time: '10:00' }, after: '2026-01-31T12:00:00Z', count: 3, expect: ['2026-02-28T09:00:00.000Z', '2026-03-31T08:00:00.000Z', '2026-04-30T08:00:00.000Z'] },
  { name: 'monthly on the 31st runs on 29 February in a leap year', schedule: { kind: 'monthly', day: 31, time: '10:00' }, after: '2028-01-31T12:00:00Z', count: 2, expect: ['2028-02-29T09:00:00.000Z', '2028-03-31T08:00:00.000Z'] },
  { name: 'monthly on the 31st runs on 30 April', schedule: { kind: 'monthly', day: 31, time: '10:00' }, after: '2026-04-01T00:00:00Z', count: 3, expect: ['2026-04-30T08:00:00.000Z', '2026-05-31T08:00:00.000Z', '2026-06-30T08:00:00.000Z'] },
  { name: 'monthly on the 30th runs on 28 February and 30 April', schedule: { kind: 'monthly', day: 30, time: '10:00' }, after: '2026-01-31T00:00:00Z', count: 3, expect: ['2026-02-28T09:00:00.000Z', '2026-03-30T08:00:00.000Z', '2026-04-30T08:00:00.000Z'] },
  { name: 'monthly on the 29th runs once on 29 February of a leap year', schedule: { kind: 'monthly', day: 29, time: '10:00' }, after: '2028-01-30T00:00:00Z', count: 2, expect: ['2028-02-29T09:00:00.000Z', '2028-03-29T08:00:00.000Z'] },
  { name: 'monthly on the 29th runs on 28 February of a common year', schedule: { kind: 'monthly', day: 29, time: '10:00' }, after: '2026-02-01T00:00:00Z', count: 2, expect: ['2026-02-28T09:00:00.000Z', '2026-03-29T08:00:00.000Z'] },
  { name: 'monthly is strictly after a start', schedule: { kind: 'monthly', day: 15, time: '12:00', timeZone: 'UTC' }, after: '2026-01-15T12:00:00Z', count: 1, expect: ['2026-02-15T12:00:00.000Z'] },
  { name: 'monthly 02:30 on the 29th runs at 03:00 CEST on the Berlin spring-forward day', schedule: { kind: 'monthly', day: 29, time: '02:30' }, after: '2026-03-01T00:00:00Z', count: 2, expect: ['2026-03-29T01:00:00.000Z', '2026-04-29T00:30:00.000Z'] },
  { name: 'monthly 02:30 on the 25th runs once on the Berlin fall-back day', schedule: { kind: 'monthly', day: 25, time: '02:30' }, after: '2026-10-01T00:00:00Z', count: 2, expect: ['2026-10-25T00:30:00.000Z', '2026-11-25T01:30:00.000Z'] },

  // monthlyByWeeks
  { name: 'monthlyByWeeks last Friday at the default 18:00, across spring forward', schedule: { kind: 'monthlyByWeeks', weeks: ['last'], days: ['friday'] }, after: '2026-01-01T00:00:00Z', count: 4, expect: ['2026-01-30T17:00:00.000Z', '2026-02-27T17:00:00.000Z', '2026-03-27T17:00:00.000Z', '2026-04-24T16:00:00.000Z'] },
  { name: 'monthlyByWeeks first Monday', schedule: { kind: 'monthlyByWeeks', weeks: [1], days: ['monday'], time: '09:00' }, after: '2026-01-01T00:00:00Z', count: 3, expect: ['2026-01-05T08:00:00.000Z', '2026-02-02T08:00:00.000Z', '2026-03-02T08:00:00.000Z'] },
  { name: 'monthlyByWeeks 2nd and 4th Tuesday and Thursday', schedule: { kind: 'monthlyByWeeks', weeks: [2, 4], days: ['tuesday', 'thursday'], time: '09:00' }, after: '2026-01-01T00:00:00Z', count: 5, expect: ['2026-01-08T08:00:00.000Z', '2026-01-13T08:00:00.000Z', '2026-01-22T08:00:00.000Z', '2026-01-27T08:00:00.000Z', '2026-02-10T08:00:00.000Z'] },
  { name: 'monthlyByWeeks 4th and last Saturday run once when they are the same day', schedule: { kind: 'monthlyByWeeks', weeks: [4, 'last'], days: ['saturday'], time: '10:00' }, after: '2026-02-01T00:00:00Z', count: 3, expect: ['2026-02-28T09:00:00.000Z', '2026-03-28T09:00:00.000Z', '2026-04-25T08:00:00.000Z'] },
  { name: 'monthlyByWeeks 3rd Wednesday', schedule: { kind: 'monthlyByWeeks', weeks: [3], days: ['wednesday'], time: '12:00', timeZone: 'UTC' }, after: '2026-01-01T00:00:00Z', count: 2, expect: ['2026-01-21T12:00:00.000Z', '2026-02-18T12:00:00.000Z'] },
  { name: 'monthlyByWeeks 1st Sunday when the month starts on a Sunday', schedule: { kind: 'monthlyByWeeks', weeks: [1], days: ['sunday'] }, after: '2026-02-15T00:00:00Z', count: 2, expect: ['2026-03-01T17:00:00.000Z', '2026-04-05T16:00:00.000Z'] },
  { name: 'monthlyByWeeks last Sunday 02:30 runs at 03:00 CEST on the Berlin spring-forward day', schedule: { kind: 'monthlyByWeeks', weeks: ['last'], days: ['sunday'], time: '02:30' }, after: '2026-03-01T00:00:00Z', count: 1, expect: ['2026-03-29T01:00:00.000Z'] },
  { name: 'monthlyByWeeks last Sunday 02:30 runs once on the Berlin fall-back day', schedule: { kind: 'monthlyByWeeks', weeks: ['last'], days: ['sunday'], time: '02:30' }, after: '2026-10-01T00:00:00Z', count: 2, expect: ['2026-10-25T00:30:00.000Z', '2026-11-29T01:30:00.000Z'] },
  { name: 'monthlyByWeeks last Monday across the year end', schedule: { kind: 'monthlyByWeeks', weeks: ['last'], days: ['monday'] }, after: '2026-12-01T00:00:00Z', count: 2, expect: ['2026-12-28T17:00:00.000Z', '2027-01-25T17:00:00.000Z'] },
  { name: 'monthlyByWeeks with nothing chosen never starts', schedule: { kind: 'monthlyByWeeks' }, after: '2026-01-01T00:00:00Z', count: 2, expect: [] },
  { name: 'monthlyByWeeks with weeks but no days never starts', schedule: { kind: 'monthlyByWeeks', weeks: [1, 'last'] }, after: '2026-01-01T00:00:00Z', count: 2, expect: [] },

  // cron
  { name: 'cron Friday 18:00 in Berlin', schedule: { kind: 'cron', expression: '0 18 * * 5' }, after: '2026-01-05T00:00:00Z', count: 1, expect: ['2026-01-09T17:00:00.000Z'] },
  { name: 'cron steps and ranges on weekdays', schedule: { kind: 'cron', expression: '*/15 9-10 * * 1-5', timeZone: 'UTC' }, after: '2026-01-05T10:40:00Z', count: 2, expect: ['2026-01-05T10:45:00.000Z', '2026-01-06T09:00:00.000Z'] },
  { name: 'cron with a seconds field', schedule: { kind: 'cron', expression: '30 0 12 1 * *', timeZone: 'UTC' }, after: '2026-01-01T12:00:00Z', count: 2, expect: ['2026-01-01T12:00:30.000Z', '2026-02-01T12:00:30.000Z'] },
  { name: 'cron keeps cron-parser DST semantics: 02:30 in the Berlin gap runs at 03:30 CEST', schedule: { kind: 'cron', expression: '30 2 * * *' }, after: '2026-03-28T12:00:00Z', count: 2, expect: ['2026-03-29T01:30:00.000Z', '2026-03-30T00:30:00.000Z'] },
  { name: 'cron 01:30 in New York runs once on the fall-back day', schedule: { kind: 'cron', expression: '30 1 * * *', timeZone: NEW_YORK }, after: '2026-10-31T12:00:00Z', count: 2, expect: ['2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z'] },
];

t.ok(cases.length >= 60, `at least 60 cases (${cases.length})`);
t.equal(new Set(cases.map((c) => c.name)).size, cases.length, 'case names are unique');

for (const c of cases) {
  t.test(c.name, async (t) => {
    const context = { anchor: new Date(c.anchor ?? ANCHOR), defaultTimeZone: c.defaultTimeZone ?? BERLIN };
    const got = nextStarts(c.schedule, new Date(c.after), c.count, context).map((d) => d.toISOString());
    t.strictSame(got, c.expect);
  });
}
