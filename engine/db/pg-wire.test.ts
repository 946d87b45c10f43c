import { cstring, FrontendReader, ProtocolViolation, queryMessage, ReadyForQueryWatcher, startupMessage, syncMessage, wireMessage } from './pg-wire';

/** Every way of cutting `bytes` into two chunks, to catch state lost across a chunk boundary. */
function splits(bytes: Buffer): Buffer[][] {
  return Array.from({ length: bytes.length + 1 }, (_, at) => [bytes.subarray(0, at), bytes.subarray(at)]);
}

describe('FrontendReader', () => {
  const stream = Buffer.concat([
    Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]), // SSLRequest
    startupMessage({ user: 'postgres', database: 'postgres' }),
    queryMessage('SELECT 1'),
    syncMessage(),
  ]);

  test('yields the same messages however the bytes are cut into chunks', () => {
    for (const parts of splits(stream)) {
      const reader = new FrontendReader();
      const messages = parts.flatMap((p) => reader.push(p));
      expect(messages.map((m) => (m.kind === 'typed' ? String.fromCharCode(m.type) : m.kind))).toEqual(['encryption-request', 'startup', 'Q', 'S']);
      expect(messages[2]).toEqual({ kind: 'typed', type: 0x51, bytes: queryMessage('SELECT 1') });
    }
  });

  test('a message arriving a byte at a time is yielded once, whole', () => {
    const reader = new FrontendReader();
    reader.push(startupMessage({ user: 'u' }));
    const big = queryMessage(`SELECT '${'x'.repeat(5000)}'`);
    const out = [...big].flatMap((byte) => reader.push(Buffer.from([byte])));
    expect(out).toEqual([{ kind: 'typed', type: 0x51, bytes: big }]);
  });

  test('refuses lengths no client sends and protocols other than 3', () => {
    const started = new FrontendReader();
    started.push(startupMessage({ user: 'u' }));
    expect(() => started.push(Buffer.from([0x51, 0, 0, 0, 3]))).toThrow(ProtocolViolation);
    expect(() => new FrontendReader().push(Buffer.from([0, 0, 0x30, 0x39, 0, 3, 0, 0]))).toThrow(/startup packet length/);
    expect(() => new FrontendReader().push(Buffer.from([0, 0, 0, 8, 0, 2, 0, 0]))).toThrow(/unsupported frontend protocol 2\.0/);
  });
});

describe('ReadyForQueryWatcher', () => {
  const ready = (status: string) => wireMessage('Z', Buffer.from(status));
  // A binary DataRow whose last bytes look exactly like ReadyForQuery 'I'.
  const lookalike = wireMessage('D', Buffer.concat([Buffer.from([0, 1, 0, 0, 0, 6]), Buffer.from('Z\0\0\0\x05I', 'latin1')]));

  test.each([
    ['idle', Buffer.concat([wireMessage('C', cstring('SELECT 1')), ready('I')]), 'I'],
    ['in a transaction', Buffer.concat([wireMessage('C', cstring('BEGIN')), ready('T')]), 'T'],
    ['failed', Buffer.concat([ready('I'), wireMessage('E', cstring('SERROR')), ready('E')]), 'E'],
    ['mid-sequence', Buffer.concat([wireMessage('1', Buffer.alloc(0)), wireMessage('2', Buffer.alloc(0))]), undefined],
    ['a ReadyForQuery then more', Buffer.concat([ready('I'), wireMessage('1', Buffer.alloc(0))]), undefined],
    ['a row that ends like ReadyForQuery', lookalike, undefined],
  ])('%s, however the answer is chunked', (_name, answer, expected) => {
    for (const parts of splits(answer as Buffer)) {
      const watcher = new ReadyForQueryWatcher();
      for (const p of parts) watcher.push(p);
      expect(watcher.status).toBe(expected);
    }
  });
});
