import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { epidemicDomain } from '../../domain';
import { builtinActivities } from '../../engine/activities';
import { assignTraceCodeActivity } from '../../domain/coldchain/assign-trace-code.activity';
import { checkDocumentsActivity } from '../../domain/screening/check-documents.activity';
import { escalateActivity } from '../../domain/escalations/escalate.activity';
import { issueReleaseRecordActivity } from '../../domain/releases/issue-release-record.activity';
import { recordTestResultActivity } from '../../domain/testing/record-test-result.activity';
import { registerArrivalActivity } from '../../domain/persons/register-arrival.activity';
import { registerPersonActivity } from '../../domain/persons/register-person.activity';
import { scheduleTestActivity } from '../../domain/testing/schedule-test.activity';
import { DocumentCheckEntity } from '../../domain/screening/document-check.entity';
import { EscalationEntity } from '../../domain/escalations/escalation.entity';
import { NoticeEntity } from '../../engine/notices/notice.entity';
import { PersonEntity } from '../../domain/persons/person.entity';
import { uniqueKey, useTestApp } from '../support/app';
import { call, contextFor } from './activity-context';

const app = useTestApp();

const idNumber = () => `3208${Date.now()}${Math.floor(Math.random() * 1e4)}`;
const db = () => app.platform.services.db;

test('GET /api/activities serves every domain activity with titles in both languages and JSON Schemas', async () => {
  const res = await app.api('GET', '/api/activities');
  expect(res.status).toBe(200);
  const served = res.body as { name: string; title: { zh: string; en: string }; inputSchema: { properties: object } }[];
  expect(served.map((a) => a.name)).toEqual(expect.arrayContaining([...builtinActivities, ...epidemicDomain.activities].map((a) => a.name)));
  const http = served.find((a) => a.name === 'httpRequest')!;
  expect(http.title.zh).toBeTruthy();
  expect(Object.keys(http.inputSchema.properties)).toEqual(['url', 'method', 'headers', 'body', 'timeoutMs']);
});

test('registering: one person per ID across cases, one registration per step, opaque ids only', async () => {
  const person = { idNumber: idNumber(), name: '赵六', phone: '13700000000' };
  const caseId = uniqueKey('reg');
  const arrival = await call(registerArrivalActivity, { person, entryPoint: 'airport', origin: { city: 'x', risk: 'high' } }, contextFor(app, caseId, 'register'));
  const retried = await call(registerArrivalActivity, { person, entryPoint: 'airport', origin: { city: 'x', risk: 'high' } }, contextFor(app, caseId, 'register', 1, 2));
  expect(retried).toEqual(arrival);
  const later = await call(registerPersonActivity, { person: { idNumber: person.idNumber }, context: 'pharmacy-sale', details: {} }, contextFor(app, uniqueKey('reg'), 'register'));
  expect(later.personId).toBe(arrival.personId);
  expect(later.registrationId).not.toBe(arrival.registrationId);
  expect(JSON.stringify(arrival)).not.toContain(person.idNumber);
  // A later registration without a phone does not erase the one on file.
  expect(await db().getRepository(PersonEntity).findOneByOrFail({ id: arrival.personId })).toMatchObject({ name: '赵六', phone: '13700000000' });
});

test('checking documents: the local health-code system reads what is presented, and the check is recorded', async () => {
  const { personId } = await call(registerPersonActivity, { person: { idNumber: idNumber() }, context: 'arrival', details: {} }, contextFor(app, uniqueKey('c'), 'r'));
  const takenAt = new Date(Date.now() - 30 * 3_600_000).toISOString();
  const ctx = contextFor(app, uniqueKey('docs'), 'documents');
  const found = await call(
    checkDocumentsActivity,
    { personId, healthCode: 'green', itinerary: [{ place: 'a', risk: 'low' }, { place: 'b', risk: 'medium' }], testReport: { result: 'negative', takenAt } },
    ctx,
  );
  expect(found).toMatchObject({ source: 'local', healthCode: 'green', itineraryRisk: 'medium', testResult: 'negative' });
  expect(found.testAgeHours).toBeCloseTo(30, 0);
  expect(await db().getRepository(DocumentCheckEntity).findOneByOrFail({ idempotencyKey: ctx.idempotencyKey })).toMatchObject({ id: found.checkId, itineraryRisk: 'medium' });
  const bare = await call(checkDocumentsActivity, { personId }, contextFor(app, uniqueKey('docs'), 'documents'));
  expect(bare).toMatchObject({ healthCode: 'yellow', itineraryRisk: 'none', testResult: 'none', testAgeHours: 9999 });
  await expect(call(checkDocumentsActivity, { personId: randomUUID() }, contextFor(app, uniqueKey('docs'), 'documents'))).rejects.toMatchObject({
    type: 'PersonNotFound',
    nonRetryable: true,
  });
});

test('tests: booked once per step, the first result stands, a walk-in result needs no booking', async () => {
  const caseId = uniqueKey('test');
  const booked = await call(scheduleTestActivity, { subject: 'person-1', kind: 'landing' }, contextFor(app, caseId, 'landingTest'));
  const again = await call(scheduleTestActivity, { subject: 'person-1', kind: 'landing' }, contextFor(app, caseId, 'landingTest', 1, 2));
  expect(again.testId).toBe(booked.testId);
  expect(booked.labRef).toBe(`local:${booked.testId}`);
  const first = await call(recordTestResultActivity, { testId: booked.testId, result: 'positive' }, contextFor(app, caseId, 'record'));
  const second = await call(recordTestResultActivity, { testId: booked.testId, result: 'negative' }, contextFor(app, caseId, 'record', 2));
  expect([first.positive, second.result]).toEqual([true, 'positive']);
  const walkIn = await call(recordTestResultActivity, { subject: 'person-1', result: 'negative' }, contextFor(app, caseId, 'walkIn'));
  expect(walkIn).toMatchObject({ result: 'negative', positive: false });
  await expect(call(recordTestResultActivity, { testId: randomUUID(), result: 'negative' }, contextFor(app, caseId, 'x'))).rejects.toBeInstanceOf(ApplicationFailure);
  expect(() => recordTestResultActivity.input.parse({ result: 'negative' })).toThrow(/testId/);
});

test('release records and trace codes: one per step or batch, unique', async () => {
  const caseId = uniqueKey('rel');
  const records = await Promise.all([
    call(issueReleaseRecordActivity, { subject: 'p', kind: 'home-quarantine', details: { days: 7 } }, contextFor(app, caseId, 'releaseRecord')),
    call(issueReleaseRecordActivity, { subject: 'p', kind: 'home-quarantine', details: { days: 7 } }, contextFor(app, caseId, 'releaseRecord', 1, 2)),
    call(issueReleaseRecordActivity, { subject: 'q', kind: 'observation' }, contextFor(app, caseId, 'releaseRecord', 2)),
  ]);
  expect(records[1].number).toBe(records[0].number);
  expect(records[2].number).not.toBe(records[0].number);

  const batches = Array.from({ length: 20 }, () => uniqueKey('batch'));
  const codes = await Promise.all(batches.map((batchId) => call(assignTraceCodeActivity, { batchId }, contextFor(app, caseId, batchId))));
  expect(new Set(codes.map((c) => c.code)).size).toBe(20);
  const repeat = await call(assignTraceCodeActivity, { batchId: batches[0] }, contextFor(app, uniqueKey('other'), 'traceCode'));
  expect(repeat.code).toBe(codes[0].code);
});

test('escalating records one escalation and one notice to that level per step', async () => {
  const caseId = uniqueKey('esc');
  const input = { level: 'district-office', reason: 'missed-test', subject: 'person-9', details: { day: 2 } };
  const [a, b] = await Promise.all([
    call(escalateActivity, input, contextFor(app, caseId, 'missedTest')),
    call(escalateActivity, input, contextFor(app, caseId, 'missedTest', 1, 2)),
  ]);
  expect(b).toEqual(a);
  expect(await db().getRepository(EscalationEntity).countBy({ caseId: caseId })).toBe(1);
  const notices = await db().getRepository(NoticeEntity).findBy({ caseId: caseId });
  expect(notices).toHaveLength(1);
  expect(notices[0]).toMatchObject({ id: a.noticeId, recipient: { type: 'group', id: 'district-office' }, template: 'escalation', params: { reason: 'missed-test', day: 2 } });
});
