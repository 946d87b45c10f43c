import { addDays, localTime, mondayOf, shiftsOnDay, spanOnDay, weekDays } from './dutyWeek';

test('local times are Asia/Shanghai whatever the machine runs in', () => {
  expect(localTime('2026-11-29T16:30:00Z')).toBe('2026-11-30T00:30');
  expect(localTime('2026-11-30T15:59:00Z')).toBe('2026-11-30T23:59');
});

test('weeks start on Monday, across months and years', () => {
  expect(mondayOf('2026-12-03')).toBe('2026-11-30');
  expect(mondayOf('2026-11-30')).toBe('2026-11-30');
  expect(mondayOf('2027-01-03')).toBe('2026-12-28');
  expect(weekDays('2026-12-28')).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03']);
  expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
});

test('a night shift shows on both days it touches, with the other day named', () => {
  const night = { startsAt: '2026-11-30T12:00:00Z', endsAt: '2026-12-01T00:00:00Z' }; // 20:00 to 08:00 in Huai'an
  const day = { startsAt: '2026-12-01T00:00:00Z', endsAt: '2026-12-01T12:00:00Z' };
  expect(shiftsOnDay([day, night], '2026-11-30')).toEqual([night]);
  expect(shiftsOnDay([day, night], '2026-12-01')).toEqual([night, day]);
  expect(spanOnDay(night, '2026-11-30')).toBe('20:00–12-01 08:00');
  expect(spanOnDay(night, '2026-12-01')).toBe('11-30 20:00–08:00');
});
