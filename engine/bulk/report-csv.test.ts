/** The bulk report's CSV: quoted where it must be, and a reason that looks like a formula is defused. */
import { reportCsv } from './report-csv';

test('one line per item, fields with commas, quotes or newlines quoted, formula-like text defused', () => {
  const at = new Date('2026-11-29T08:00:00Z');
  const csv = reportCsv([
    { seq: 1, caseId: 'p.a', status: 'done', reason: 'cancelled', updatedAt: at },
    { seq: 2, caseId: 'p.b', status: 'failed', reason: 'said "no", then\nleft', updatedAt: null },
    { seq: 3, caseId: 'p.c', status: 'skipped', reason: '=HYPERLINK("x")', updatedAt: null },
  ]);
  expect(csv.split('\r\n')).toEqual([
    'seq,caseId,status,reason,updatedAt',
    '1,p.a,done,cancelled,2026-11-29T08:00:00.000Z',
    '2,p.b,failed,"said ""no"", then\nleft",',
    `3,p.c,skipped,"'=HYPERLINK(""x"")",`,
    '',
  ]);
});
