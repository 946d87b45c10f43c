/**
 * The org-unit dimension of the authorization matrix (test/auth/matrix.ts): for each route that
 * acts on one case, task, incident, scheduled start, bulk job or duty shift, how to make such an object inside a given org unit, and a body the
 * route accepts, so that what decides the answer is who asks and where the object lies.
 */
import { FIRST_ADMIN } from '../../engine/auth/first-admin';
import type { Route } from '../../engine/http/route';
import { objectsInUnit, routeName, type ObjectInUnit } from '../auth/matrix';
import { eventually, uniqueKey, type TestApp } from '../support/app';
import { chain, publish, taskProcess } from '../support/processes';

const processKey = uniqueKey('unit-matrix');
let published: Promise<number> | undefined;

/** start → a task → end: a running case with an open task (events reach it too). */
function unitProcess(app: TestApp): Promise<number> {
  published ??= publish(app, taskProcess(processKey));
  return published;
}

/** A running case in `unit` (started by the administrator), waiting on its task. */
async function caseIn(app: TestApp, unit: string): Promise<string> {
  await unitProcess(app);
  const res = await app.api('POST', '/api/cases', { processKey, input: {}, orgUnit: unit });
  if (res.status !== 201) throw new Error(`starting a case in ${unit}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.caseId;
}

const aCase: ObjectInUnit = async (app, unit) => ({ id: await caseIn(app, unit), name: 'go' });

const aTask: ObjectInUnit = async (app, unit) => {
  const caseId = await caseIn(app, unit);
  const id = await eventually(async () => (await app.api('GET', `/api/tasks?caseId=${caseId}&status=open`)).body[0]?.id as string | undefined);
  return { id };
};

const incidentKey = uniqueKey('unit-incident');
let incidentPublished: Promise<number> | undefined;

/** A running case in `unit` waiting with an incident: its one step calls a host not allowed, refused for good at once. */
const anIncident: ObjectInUnit = async (app, unit) => {
  incidentPublished ??= publish(
    app,
    chain(incidentKey, [
      { id: 'start', type: 'start' },
      { id: 'call', type: 'activity', activity: 'httpRequest', input: { url: "'http://169.254.169.254/'" } },
      { id: 'end', type: 'end' },
    ]),
  );
  await incidentPublished;
  const res = await app.api('POST', '/api/cases', { processKey: incidentKey, input: {}, orgUnit: unit });
  if (res.status !== 201) throw new Error(`starting a case in ${unit}: ${res.status} ${JSON.stringify(res.body)}`);
  const id = await eventually(async () => (await app.api('GET', `/api/incidents?caseId=${res.body.caseId}&status=open`)).body[0]?.id as string | undefined, 30_000);
  return { id };
};

/** A paused scheduled start of the unit's process, belonging to `unit`. */
const aSchedule: ObjectInUnit = async (app, unit) => {
  await unitProcess(app);
  const spec = { calendar: [{ days: ['SUNDAY'], hour: 3, minute: 0 }] };
  const res = await app.api('POST', '/api/schedules', { name: { zh: '矩阵', en: 'Matrix' }, processKey, orgUnit: unit, spec, paused: true });
  if (res.status !== 201) throw new Error(`scheduling in ${unit}: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id };
};

const bulkKey = uniqueKey('unit-bulk');
let bulkPublished: Promise<number> | undefined;

/** A bulk job of `unit` (started by the administrator): an event no case waits for, sent to a case of the unit, so it changes nothing. */
const aBulkJob: ObjectInUnit = async (app, unit) => {
  bulkPublished ??= publish(app, taskProcess(bulkKey));
  await bulkPublished;
  const started = await app.api('POST', '/api/cases', { processKey: bulkKey, input: {}, orgUnit: unit });
  if (started.status !== 201) throw new Error(`starting a case in ${unit}: ${started.status} ${JSON.stringify(started.body)}`);
  await eventually(async () => ((await app.api('GET', `/api/cases?processKey=${bulkKey}&orgUnit=${unit}`)).body.total > 0 ? true : undefined));
  const res = await app.api('POST', '/api/bulk', { filter: { processKey: bulkKey, orgUnit: unit }, action: { kind: 'event', name: 'matrix' } });
  if (res.status !== 202) throw new Error(`a bulk job in ${unit}: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.jobId };
};

/** Hours past a fixed start, one per shift made: the matrix's shifts never overlap one another. */
let dutySlot = 0;

/** A staff shift of `unit`'s duty roster (the first administrator on duty for an hour in 2031). */
const aDutyShift: ObjectInUnit = async (app, unit) => {
  const startsAt = new Date(Date.UTC(2031, 0, 1) + dutySlot++ * 3600_000);
  const endsAt = new Date(startsAt.getTime() + 3600_000);
  const res = await app.api('POST', '/api/duty/shifts', { orgUnit: unit, username: FIRST_ADMIN, role: 'staff', startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() });
  if (res.status !== 201) throw new Error(`a duty shift in ${unit}: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id };
};

const SCHEDULE_ROUTES = ['GET /api/schedules/:id', 'PUT /api/schedules/:id', 'POST /api/schedules/:id/pause', 'POST /api/schedules/:id/resume', 'POST /api/schedules/:id/trigger', 'DELETE /api/schedules/:id'];
const CASE_ROUTES = ['GET /api/cases/:id', 'GET /api/cases/:id/decisions', 'POST /api/cases/:id/events/:name', 'POST /api/cases/:id/cancel', 'POST /api/cases/:id/terminate', 'POST /api/cases/:id/migrate', 'POST /api/cases/:id/migrate/preview', 'GET /api/cases/:id/notices', 'GET /api/cases/:id/events'];
const TASK_ROUTES = [
  'GET /api/tasks/:id',
  'POST /api/tasks/:id/complete',
  'POST /api/tasks/:id/claim',
  'POST /api/tasks/:id/unclaim',
  'POST /api/tasks/:id/assign',
  'GET /api/tasks/:id/comments',
  'POST /api/tasks/:id/comments',
  'GET /api/tasks/:id/history',
];
/**
 * The kinds of object the matrix makes, each with the routes that act on one: the matrix runs one
 * test per kind, so that no one test carries the whole table's work.
 */
export const OBJECT_KINDS: Record<string, { make: ObjectInUnit; routes: string[] }> = {
  case: { make: aCase, routes: CASE_ROUTES },
  task: { make: aTask, routes: TASK_ROUTES },
  schedule: { make: aSchedule, routes: SCHEDULE_ROUTES },
  'bulk job': { make: aBulkJob, routes: ['GET /api/bulk/:id', 'GET /api/bulk/:id/items', 'GET /api/bulk/:id/report.csv', 'POST /api/bulk/:id/cancel'] },
  incident: { make: anIncident, routes: ['GET /api/incidents/:id', 'POST /api/incidents/:id/resolve'] },
  'duty shift': { make: aDutyShift, routes: ['PUT /api/duty/shifts/:id', 'DELETE /api/duty/shifts/:id'] },
};
for (const { make, routes } of Object.values(OBJECT_KINDS)) for (const name of routes) objectsInUnit[name] = make;

/** Bodies the routes accept, so a refusal is about the object and not the input. */
const BODIES: Record<string, unknown> = {
  'POST /api/cases/:id/events/:name': { payload: null },
  'POST /api/cases/:id/terminate': { reason: 'authorization matrix' },
  'POST /api/cases/:id/migrate': { toVersion: 1 },
  'POST /api/cases/:id/migrate/preview': { toVersion: 1 },
  'POST /api/tasks/:id/complete': { data: { note: 'matrix' } },
  'POST /api/incidents/:id/resolve': { action: 'fail', comment: 'authorization matrix' },
  'POST /api/tasks/:id/assign': { group: 'matrix-group' },
  'POST /api/tasks/:id/comments': { text: 'matrix' },
  'PUT /api/schedules/:id': { name: { zh: '矩阵改名', en: 'Matrix renamed' } },
  'PUT /api/duty/shifts/:id': { note: 'matrix' },
};

/** A route's name in the matrix; a deprecated alias goes by the route it stands for. */
export const canonicalName = (r: Route) => routeName(r.successor ? { ...r, path: r.successor } : r);

/** The object maker of a route (by its canonical name), if it acts on one object in a unit. */
export const objectMaker = (r: Route): ObjectInUnit | undefined => objectsInUnit[canonicalName(r)];

/** The body a route is called with in the matrix. */
export const bodyOf = (r: Route): unknown => BODIES[canonicalName(r)] ?? (r.method === 'get' ? undefined : {});
