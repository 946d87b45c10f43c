import { gapsOf, uncovered } from './duty-gaps';
import { newShift, shiftChange } from './duty-shift';

const at = (local: string) => new Date(`${local}+08:00`).toISOString();

describe('uncovered', () => {
  test('the parts of the period no shift covers, overlapping and touching shifts merged, shifts outside clipped', () => {
    const covers = [
      { startsAt: at('2026-11-29T20:00'), endsAt: at('2026-11-30T08:00') }, // starts before the period
      { startsAt: at('2026-11-30T08:00'), endsAt: at('2026-11-30T12:00') }, // touches the one before
      { startsAt: at('2026-11-30T10:00'), endsAt: at('2026-11-30T14:00') }, // overlaps it
      { startsAt: at('2026-11-30T18:00'), endsAt: at('2026-11-30T20:00') },
    ];
    expect(uncovered(at('2026-11-30T00:00'), at('2026-12-01T00:00'), covers)).toEqual([
      { from: at('2026-11-30T14:00'), to: at('2026-11-30T18:00') },
      { from: at('2026-11-30T20:00'), to: at('2026-12-01T00:00') },
    ]);
  });

  test('no shifts: the whole period; a shift covering it all: nothing', () => {
    const day = [at('2026-11-30T00:00'), at('2026-12-01T00:00')] as const;
    expect(uncovered(...day, [])).toEqual([{ from: day[0], to: day[1] }]);
    expect(uncovered(...day, [{ startsAt: at('2026-11-29T00:00'), endsAt: at('2026-12-02T00:00') }])).toEqual([]);
  });
});

test('gapsOf: leader, staff and nobody apart, with their hours (24-hour duty broken only where neither is on duty)', () => {
  const shifts = [
    { role: 'leader' as const, startsAt: at('2026-11-30T08:00'), endsAt: at('2026-11-30T20:00') },
    { role: 'staff' as const, startsAt: at('2026-11-30T00:00'), endsAt: at('2026-11-30T12:00') },
    { role: 'staff' as const, startsAt: at('2026-11-30T14:00'), endsAt: at('2026-12-01T00:00') },
  ];
  const gaps = gapsOf('qingjiangpu', at('2026-11-30T00:00'), at('2026-12-01T00:00'), shifts);
  expect(gaps.leader).toEqual([
    { from: at('2026-11-30T00:00'), to: at('2026-11-30T08:00') },
    { from: at('2026-11-30T20:00'), to: at('2026-12-01T00:00') },
  ]);
  expect(gaps.staff).toEqual([{ from: at('2026-11-30T12:00'), to: at('2026-11-30T14:00') }]);
  expect(gaps.nobody).toEqual([]);
  expect(gaps.hours).toEqual({ leader: 12, staff: 2, nobody: 0 });
});

describe('shift bodies', () => {
  const body = { orgUnit: 'qingjiangpu', username: 'Li.Wei', role: 'leader', startsAt: '2026-11-30T08:00', endsAt: '2026-11-30T20:00+08:00' };

  test('a time without an offset is read in Asia/Shanghai; the username is lower-cased', () => {
    expect(newShift.parse(body)).toMatchObject({ username: 'li.wei', startsAt: '2026-11-30T00:00:00.000Z', endsAt: '2026-11-30T12:00:00.000Z', note: '' });
  });

  test.each([
    [{ ...body, role: 'chief' }, 'role'],
    [{ ...body, endsAt: '2026-11-30T07:00' }, 'endsAt'],
    [{ ...body, endsAt: '2026-12-08T09:00' }, 'endsAt'],
    [{ ...body, startsAt: 'tomorrow' }, 'startsAt'],
    [{ ...body, orgUnit: 'Qingjiangpu!' }, 'orgUnit'],
    [{ ...body, extra: 1 }, ''],
  ])('refused, naming the field: %j', (input, field) => {
    const r = newShift.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('/'))).toContain(field);
  });

  test('a change names at least one field', () => {
    expect(shiftChange.safeParse({}).success).toBe(false);
    expect(shiftChange.parse({ role: 'staff' })).toEqual({ role: 'staff' });
  });
});
