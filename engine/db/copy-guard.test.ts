import { guardCopyFromStdin } from './copy-guard';
import { cstring, queryMessage, wireMessage } from './pg-wire';

describe('guardCopyFromStdin', () => {
  const typed = (bytes: Buffer) => ({ type: bytes[0], bytes });
  const parseMessage = (name: string, sql: string) => wireMessage('P', Buffer.concat([cstring(name), cstring(sql), Buffer.from([0, 0])]));

  test.each(['COPY t FROM STDIN', '  copy t (a, b) from stdin with (format csv)', 'BEGIN; COPY t FROM stdin', '-- load\n/* rows */ COPY"t" FROM STDIN'])('refuses %p in a Query', (sql) => {
    const guarded = guardCopyFromStdin(typed(queryMessage(sql)));
    expect(guarded.toString()).toContain("RAISE EXCEPTION 'COPY FROM STDIN is not supported");
  });

  test('refuses it in a Parse, keeping the statement name', () => {
    const guarded = guardCopyFromStdin(typed(parseMessage('s1', 'copy t from stdin')));
    expect(guarded.subarray(5, 8)).toEqual(cstring('s1'));
    expect(guarded.toString()).toContain('feature_not_supported');
  });

  test.each(['COPY t TO STDOUT', "SELECT 'copy t from stdin'", "INSERT INTO notes VALUES ('we copy from stdin daily')"])('lets %p through untouched', (sql) => {
    const q = queryMessage(sql);
    expect(guardCopyFromStdin(typed(q))).toBe(q);
    const p = parseMessage('', sql);
    expect(guardCopyFromStdin(typed(p))).toBe(p);
  });
});
