/**
 * A schedule's timing between the form (weekdays and a time, or an interval in minutes, hours or
 * days) and the API's spec, and in one line for the list ("Mon, Wed 08:00" / "every 6 h").
 */
import { WEEKDAYS, type ScheduleSpec, type Weekday } from '../api/schedules';

export type IntervalUnit = 'minutes' | 'hours' | 'days';

/** What the form edits. */
export interface TimingForm {
  kind: 'weekly' | 'interval';
  days: Weekday[];
  /** HH:MM */
  time: string;
  amount: number;
  unit: IntervalUnit;
  timezone: string;
}

const ISO_UNIT: Record<IntervalUnit, (n: number) => string> = { minutes: (n) => `PT${n}M`, hours: (n) => `PT${n}H`, days: (n) => `P${n}D` };

export function specOf(form: TimingForm): ScheduleSpec {
  if (form.kind === 'interval') return { every: ISO_UNIT[form.unit](form.amount), timezone: form.timezone };
  const [hour, minute] = form.time.split(':').map(Number);
  return { calendar: [{ days: form.days.length === 7 ? undefined : form.days, hour, minute }], timezone: form.timezone };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The form's values for a spec (the first calendar entry; a spec from elsewhere may hold more). */
export function formOf(spec: ScheduleSpec | undefined): TimingForm {
  const base: TimingForm = { kind: 'weekly', days: ['MONDAY'], time: '08:00', amount: 1, unit: 'days', timezone: spec?.timezone ?? 'Asia/Shanghai' };
  if (spec?.every) {
    const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(spec.every);
    const [, d, h, min] = m ?? [];
    if (d) return { ...base, kind: 'interval', amount: Number(d), unit: 'days' };
    if (h) return { ...base, kind: 'interval', amount: Number(h), unit: 'hours' };
    if (min) return { ...base, kind: 'interval', amount: Number(min), unit: 'minutes' };
  }
  const first = spec?.calendar?.[0];
  if (first) return { ...base, days: first.days ?? [...WEEKDAYS], time: `${pad(first.hour)}:${pad(first.minute)}` };
  return base;
}

/** The timing in one line, words from `t` (keys schedules.day.MONDAY, schedules.every, schedules.daily). */
export function timingText(spec: ScheduleSpec, t: (key: string, vars?: Record<string, unknown>) => string): string {
  const parts: string[] = [];
  for (const c of spec.calendar ?? []) {
    const days = !c.days || c.days.length === 7 ? t('schedules.daily') : c.days.map((d) => t(`schedules.day.${d}`)).join(t('schedules.daySeparator'));
    parts.push(`${days} ${pad(c.hour)}:${pad(c.minute)}`);
  }
  if (spec.every) {
    const f = formOf({ every: spec.every, timezone: spec.timezone });
    parts.push(f.kind === 'interval' ? t(`schedules.every.${f.unit}`, { count: f.amount }) : spec.every);
  }
  return parts.join(' · ');
}
