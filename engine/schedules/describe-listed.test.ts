/**
 * A schedule deleted while the list is read: the list must leave it out, not answer 500. Temporal
 * answered such a describe with an unclassified gRPC error once, then "not found".
 */
import { ScheduleNotFoundError, ServiceError, type Client, type ScheduleDescription } from '@temporalio/client';
import { describeListed } from './schedule.service';

/** A client whose describe answers `answers` in turn (an Error is thrown). */
function clientAnswering(answers: (ScheduleDescription | Error)[]): { client: Pick<Client, 'schedule'>; calls: () => number } {
  let calls = 0;
  const describe = async () => {
    const next = answers[Math.min(calls++, answers.length - 1)];
    if (next instanceof Error) throw next;
    return next;
  };
  const client = { schedule: { getHandle: () => ({ describe }) } } as unknown as Pick<Client, 'schedule'>;
  return { client, calls: () => calls };
}

const description = { scheduleId: 'epi-schedule-1' } as unknown as ScheduleDescription;
const unclassified = () => new ServiceError('Unexpected error while making gRPC request');

test('a schedule that answers an unclassified error, then not found, was deleted meanwhile: it is left out', async () => {
  const { client, calls } = clientAnswering([unclassified(), new ScheduleNotFoundError('gone', 'epi-schedule-1')]);
  await expect(describeListed(client, 'epi-schedule-1')).resolves.toBeUndefined();
  expect(calls()).toBe(2);
});

test('a passing error is asked again and the description returned', async () => {
  const { client, calls } = clientAnswering([unclassified(), description]);
  await expect(describeListed(client, 'epi-schedule-1')).resolves.toBe(description);
  expect(calls()).toBe(2);
});

test('an error that persists is not hidden: the list fails with it', async () => {
  const { client, calls } = clientAnswering([unclassified()]);
  await expect(describeListed(client, 'epi-schedule-1')).rejects.toThrow('Unexpected error while making gRPC request');
  expect(calls()).toBe(2);
});

test('not found at once is left out without asking again', async () => {
  const { client, calls } = clientAnswering([new ScheduleNotFoundError('gone', 'epi-schedule-1')]);
  await expect(describeListed(client, 'epi-schedule-1')).resolves.toBeUndefined();
  expect(calls()).toBe(1);
});
