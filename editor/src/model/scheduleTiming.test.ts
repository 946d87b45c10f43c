import { formOf, specOf, timingText } from './scheduleTiming';

const t = (key: string, vars?: Record<string, unknown>) => (vars ? `${key}(${JSON.stringify(vars)})` : key);

test('weekly form ↔ calendar spec, all seven days as every day', () => {
  const form = formOf(undefined);
  expect(specOf({ ...form, days: ['MONDAY', 'THURSDAY'], time: '08:30' })).toEqual({ calendar: [{ days: ['MONDAY', 'THURSDAY'], hour: 8, minute: 30 }], timezone: 'Asia/Shanghai' });
  const daily = specOf({ ...form, days: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'], time: '07:05' });
  expect(daily.calendar).toEqual([{ days: undefined, hour: 7, minute: 5 }]);
  expect(formOf(daily)).toMatchObject({ kind: 'weekly', time: '07:05', days: expect.arrayContaining(['SUNDAY']) });
  expect(formOf(daily).days).toHaveLength(7);
});

test('interval form ↔ ISO duration in minutes, hours or days', () => {
  const form = { ...formOf(undefined), kind: 'interval' as const };
  expect(specOf({ ...form, amount: 6, unit: 'hours' }).every).toBe('PT6H');
  expect(specOf({ ...form, amount: 2, unit: 'days' }).every).toBe('P2D');
  expect(formOf({ every: 'PT45M', timezone: 'UTC' })).toMatchObject({ kind: 'interval', amount: 45, unit: 'minutes', timezone: 'UTC' });
  expect(formOf({ every: 'PT6H', timezone: 'UTC' })).toMatchObject({ amount: 6, unit: 'hours' });
});

test('one line per timing', () => {
  expect(timingText({ calendar: [{ days: ['MONDAY', 'FRIDAY'], hour: 8, minute: 0 }], timezone: 'Asia/Shanghai' }, t)).toBe('schedules.day.MONDAYschedules.daySeparatorschedules.day.FRIDAY 08:00');
  expect(timingText({ calendar: [{ hour: 20, minute: 15 }], timezone: 'Asia/Shanghai' }, t)).toBe('schedules.daily 20:15');
  expect(timingText({ every: 'PT6H', timezone: 'Asia/Shanghai' }, t)).toBe('schedules.every.hours({"count":6})');
});
