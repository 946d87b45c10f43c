import { Writable } from 'node:stream';
import { createLogger } from './logger';
import { prettyLine } from './log-pretty';

/** A stream that keeps what is written, posing as a terminal or not. */
function capture(isTTY: boolean): NodeJS.WriteStream & { text(): string } {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, done) {
      text += String(chunk);
      done();
    },
  });
  return Object.assign(stream, { isTTY, text: () => text }) as unknown as NodeJS.WriteStream & { text(): string };
}

test('a pino line reads as time, level, name, message and fields; a stack on lines of its own', () => {
  const line = JSON.stringify({ level: 40, time: Date.UTC(2026, 0, 2, 3, 4, 5, 678), pid: 1, hostname: 'h', name: 'epi-flow-api', msg: 'part exited; restarting', part: 'worker', restartInMs: 500, err: 'exit code 1', stack: 'Error: x\n    at y' });
  expect(prettyLine(line, false)).toBe('03:04:05.678 WARN  epi-flow-api  part exited; restarting  part=worker restartInMs=500 err="exit code 1" \nError: x\n    at y\n');
  expect(prettyLine(line, true)).toContain('\x1b[33mWARN \x1b[0m');
  expect(prettyLine('not json', false)).toBe('not json\n');
});

test('JSON when stdout is not a terminal, readable lines when it is, and personal data is redacted either way', () => {
  const pipe = capture(false);
  createLogger('info', 'epi-flow', undefined, pipe).info({ person: { idNumber: '320800199001011234' }, caseId: 'c1' }, 'case started');
  expect(JSON.parse(pipe.text())).toMatchObject({ msg: 'case started', caseId: 'c1', person: { idNumber: '[redacted]' } });

  const terminal = capture(true);
  createLogger('info', 'epi-flow', undefined, terminal).info({ person: { idNumber: '320800199001011234' }, caseId: 'c1' }, 'case started');
  // eslint-disable-next-line no-control-regex -- the colour codes a terminal gets
  const plain = terminal.text().replace(/\x1b\[\d+m/g, '');
  expect(plain).toMatch(/^\d\d:\d\d:\d\d\.\d{3} INFO {2}epi-flow {2}case started {2}person=\{"idNumber":"\[redacted\]"\} caseId=c1\n$/);
  expect(terminal.text()).not.toContain('320800199001011234');
});
