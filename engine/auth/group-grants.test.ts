import { grantsOf, groupsOf } from './group-grants';

describe('groups to grants', () => {
  const map = { ops: { roles: ['operator' as const], orgUnits: ['qingjiangpu'] }, sup: { roles: ['supervisor' as const, 'operator' as const], orgUnits: ['huaiyin', 'qingjiangpu'] } };
  test('the union of the mapped groups, unmapped ones ignored, nothing from the prototype', () => {
    expect(grantsOf(['ops', 'sup', 'other', 'constructor', '__proto__'], map)).toEqual({ roles: ['operator', 'supervisor'], orgUnits: ['huaiyin', 'qingjiangpu'] });
    expect(grantsOf([], map)).toEqual({ roles: [], orgUnits: [] });
  });
  test('a claim of one group, of several, or of anything else', () => {
    expect(groupsOf('ops')).toEqual(['ops']);
    expect(groupsOf(['ops', 3, null, 'sup'])).toEqual(['ops', 'sup']);
    expect(groupsOf({ ops: true })).toEqual([]);
    expect(groupsOf(undefined)).toEqual([]);
  });
});
