/**
 * The duty screen's calendar arithmetic, in the roster's time zone (Asia/Shanghai, which keeps
 * one offset all year): days as `YYYY-MM-DD`, local times as `YYYY-MM-DDTHH:mm` (what a
 * datetime-local input holds and what the API reads without an offset), weeks from Monday.
 */
export const DUTY_TIME_ZONE = 'Asia/Shanghai';

const parts = new Intl.DateTimeFormat('en-CA', { timeZone: DUTY_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** An instant as a local time in Asia/Shanghai: `YYYY-MM-DDTHH:mm`. */
export function localTime(instant: string | Date): string {
  const p = Object.fromEntries(parts.formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** The day of an instant in Asia/Shanghai. */
export const localDay = (instant: string | Date): string => localTime(instant).slice(0, 10);

/** The day `n` days after `day`. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** The Monday of the week holding `day`. */
export function mondayOf(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

/** The seven days of the week starting on `monday`. */
export const weekDays = (monday: string): string[] => Array.from({ length: 7 }, (_, i) => addDays(monday, i));

/** The instant a local day starts in Asia/Shanghai, as the API is sent it. */
export const dayStart = (day: string): string => `${day}T00:00`;

/** The shifts that overlap the local day, by start. */
export function shiftsOnDay<T extends { startsAt: string; endsAt: string }>(shifts: readonly T[], day: string): T[] {
  const from = Date.parse(`${day}T00:00:00+08:00`);
  const to = Date.parse(`${addDays(day, 1)}T00:00:00+08:00`);
  return shifts.filter((s) => Date.parse(s.startsAt) < to && Date.parse(s.endsAt) > from).sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
}

/** A shift's time on a day: `HH:mm–HH:mm`, with the day of an end (or start) that is not that day. */
export function spanOnDay(s: { startsAt: string; endsAt: string }, day: string): string {
  const show = (t: string) => (t.slice(0, 10) === day ? t.slice(11) : `${t.slice(5, 10)} ${t.slice(11)}`);
  return `${show(localTime(s.startsAt))}–${show(localTime(s.endsAt))}`;
}
