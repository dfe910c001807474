// describeSchedule and startsOnApply (docs/design.md 1 schedule table).
import t from 'tap';
import type { Schedule } from '../../src/manifests/types.generated.js';
import { describeSchedule, startsOnApply } from '../../src/schedule/index.js';

const cases: [Schedule, string][] = [
  [{ kind: 'manual' }, 'manual'],
  [{ kind: 'weekly', day: 'friday', time: '18:00', timeZone: 'Europe/Berlin' }, 'every Friday at 18:00 (Europe/Berlin)'],
  [{ kind: 'daysOfWeek' }, 'every Friday at 18:00'],
  [{ kind: 'daysOfWeek', days: ['monday', 'wednesday', 'friday'], time: '07:30:15' }, 'every Monday, Wednesday and Friday at 07:30:15'],
  [{ kind: 'onOutbreak', applicationTypes: ['mail', 'perimeter'] }, 'on outbreak from mail, perimeter'],
  [{ kind: 'onOutbreak' }, 'on outbreak from workstationsAndFileServers, perimeter, mail'],
  [{ kind: 'onTaskCompletion', task: 'download' }, 'after task "download" completes successfully (devices both tasks share)'],
  [{ kind: 'onTaskCompletion', task: 'download', outcome: 'any' }, 'after task "download" completes in any way (devices both tasks share)'],
  [{ kind: 'everyMinutes' }, 'every 30 minutes from when the task was first applied'],
  [{ kind: 'everyHours', every: 1, start: '2026-01-01T00:00:00Z' }, 'every hour from 2026-01-01T00:00:00Z (elapsed time)'],
  [{ kind: 'everyDays', every: 2 }, 'every 2 days from when the task was first applied'],
  [{ kind: 'everyWeeks' }, 'every Monday at the time of day the task was first applied'],
  [{ kind: 'everyWeeks', every: 2, day: 'sunday', time: '02:30' }, 'every 2 weeks on Sunday at 02:30'],
  [{ kind: 'dailyNoDst', time: '09:00' }, 'every day at 09:00, fixed UTC offset of when the task was first applied (ignores DST)'],
  [{ kind: 'monthly', day: 31, time: '10:00' }, 'monthly on day 31 (the last day in shorter months) at 10:00'],
  [{ kind: 'monthly' }, 'monthly on day 1 at the time of day the task was first applied'],
  [{ kind: 'monthlyByWeeks', weeks: [1, 'last'], days: ['friday'] }, 'on the 1st and last Friday of each month at 18:00'],
  [{ kind: 'monthlyByWeeks' }, 'monthly by weeks: nothing chosen (never runs)'],
  [{ kind: 'once', at: '2026-12-01T18:00:00+01:00' }, 'once at 2026-12-01T18:00:00+01:00'],
  [{ kind: 'immediately' }, 'immediately when applied'],
  [{ kind: 'cron', expression: '0 18 * * 5' }, 'cron "0 18 * * 5"'],
];

for (const [schedule, text] of cases) {
  t.test(`describes ${text}`, async (t) => t.equal(describeSchedule(schedule), text));
}

t.test('the caller default zone is shown when the schedule has none', async (t) => {
  t.equal(describeSchedule({ kind: 'weekly', day: 'monday', time: '08:00' }, 'America/New_York'), 'every Monday at 08:00 (America/New_York)');
  t.equal(describeSchedule({ kind: 'weekly', day: 'monday', time: '08:00', timeZone: 'UTC' }, 'America/New_York'), 'every Monday at 08:00 (UTC)');
});

t.test('only immediately starts on apply', async (t) => {
  t.equal(startsOnApply({ kind: 'immediately' }), true);
  t.equal(startsOnApply({ kind: 'manual' }), false);
  t.equal(startsOnApply({ kind: 'once', at: '2026-01-01T00:00:00Z' }), false);
});
