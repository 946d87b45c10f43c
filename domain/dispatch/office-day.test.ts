import { dayAt, dayBefore, dayBounds, officeDay } from './office-day';

describe("the office's day (Asia/Shanghai)", () => {
  it('runs from midnight in Shanghai, 16:00 UTC the day before, for 24 hours', () => {
    const { start, end } = dayBounds('2026-09-09');
    expect([start.toISOString(), end.toISOString()]).toEqual(['2026-09-08T16:00:00.000Z', '2026-09-09T16:00:00.000Z']);
  });

  it('names the date in Shanghai, which is a day ahead of UTC from 16:00 UTC', () => {
    expect(dayAt(new Date('2026-09-09T15:59:59Z'))).toBe('2026-09-09');
    expect(dayAt(new Date('2026-09-09T16:00:00Z'))).toBe('2026-09-10');
  });

  it("gives a morning's run the day before", () => {
    // 07:00 in Shanghai on 10 September.
    expect(dayBefore(new Date('2026-09-09T23:00:00Z'))).toBe('2026-09-09');
  });

  it('takes only dates that exist', () => {
    expect(officeDay.safeParse('2026-02-28').success).toBe(true);
    expect(officeDay.safeParse('2026-02-30').success).toBe(false);
    expect(officeDay.safeParse('2026-9-9').success).toBe(false);
    // Year 0 parses in JavaScript and not in PostgreSQL.
    expect(officeDay.safeParse('0000-01-01').success).toBe(false);
  });
});
