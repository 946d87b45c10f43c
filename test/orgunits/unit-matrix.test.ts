/**
 * The authorization matrix's org-unit dimension, from the route table: every route that acts on
 * one case or task × every role × an object inside or outside the caller's subtree. Operators and
 * supervisors (units: Qingjiangpu) get 404 outside, as for an object that does not exist; inside,
 * and for the city-wide roles anywhere, the route does its work; a role without the permission gets
 * 403 wherever the object lies, so the refusal says nothing about it. A new route that acts on a
 * scoped object without a maker here fails the first test.
 */
import { ORG_SCOPED, ROLE_NAMES, ROLES, type RoleName } from '../../engine/auth/permissions';
import type { Route } from '../../engine/http/route';
import { requestOf } from '../auth/matrix';
import { uniqueKey, useTestApp } from '../support/app';
import { inBatches } from '../support/batches';
import { bodyOf, canonicalName, OBJECT_KINDS, objectMaker } from './unit-objects';

jest.setTimeout(180_000);

const app = useTestApp({ seed: false });
const suffix = uniqueKey('um').slice(3);
const INSIDE = 'qingjiangpu';
const OUTSIDE = 'huaiyin';

/**
 * Guarded routes that act on one object of an org-scoped kind: an org-scoped permission and the
 * object's `:id` in the path (a process's `:key`, as in its heatmap, names no object of a unit).
 */
const scopedObjectRoutes = (): Route[] => app.platform.routes!.filter((r) => !r.public && ORG_SCOPED.has(r.permission) && /:id\b/.test(r.path) && !(canonicalName(r) in SPANNING_UNITS));

/**
 * Routes whose object lies in no one unit: a re-evaluation of a risk area selects arrivals across
 * the city. Instead of refusing, its read shows only the caller's units (test/library/
 * risk-reevaluation.test.ts) and its confirm selects the cases again within the caller's units
 * (domain/riskareas/reevaluation.service.ts).
 */
const SPANNING_UNITS: Record<string, string> = {
  'GET /api/risk-reevaluations/:id': 'shows what was done in the caller’s units only',
  'POST /api/risk-reevaluations/:id/confirm': 'moves the previewed cases of the caller’s units only',
};

/** A caller of the role: operators and supervisors belong to Qingjiangpu (so a street below it is inside), the others to no unit. */
const callerOf = (role: RoleName) => app.as(`unit-${role}-${suffix}`, { roles: [role], orgUnits: ['operator', 'supervisor'].includes(role) ? [INSIDE] : [] });

const street = `um-street-${suffix}`;

beforeAll(async () => {
  expect((await app.api('POST', '/api/org-units', { id: street, parentId: INSIDE, name: { zh: '矩阵街道', en: 'Matrix street' } })).status).toBe(201);
});

test('every route acting on one case or task has an object maker for the matrix', () => {
  const missing = scopedObjectRoutes().filter((r) => !objectMaker(r)).map(canonicalName);
  expect(missing).toEqual([]);
  expect(scopedObjectRoutes().length).toBeGreaterThanOrEqual(8);
});

/**
 * A cell's answer. A 503 database_unavailable (its pool gave no connection within 5 s: seen on a
 * machine at load 7) says "try again" rather than answering who may act, so the cell tries again
 * after a second, as a client honouring Retry-After would, at most three times.
 */
async function answerOf(call: () => Promise<{ status: number; body: any }>): Promise<{ status: number; body: any }> {
  for (let attempt = 1; ; attempt++) {
    const res = await call();
    if (res.status !== 503 || res.body?.error?.code !== 'database_unavailable' || attempt === 3) return res;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** The matrix's cells for the routes of one kind of object: each route × each role × inside and outside. */
async function cellsOf(kind: string) {
  const routes = scopedObjectRoutes().filter((r) => OBJECT_KINDS[kind].routes.includes(canonicalName(r)));
  const cells = routes.flatMap((route) => ROLE_NAMES.flatMap((role) => [street, OUTSIDE].map((unit) => ({ route, role, unit }))));
  // Ten at a time: every cell makes an object of its own (most start a case), and the machine is shared.
  const results = await inBatches(cells, 10, async ({ route, role, unit }) => {
    const params = await objectMaker(route)!(app, unit);
    const { method, path } = requestOf(route, params);
    const res = await answerOf(() => callerOf(role).api(method, path, bodyOf(route)));
    return { route: canonicalName(route), alias: Boolean(route.successor), role, unit, status: res.status, code: res.body?.error?.code as string | undefined, permission: route.permission! };
  });
  return { routes, results };
}

test.each(Object.keys(OBJECT_KINDS))('%s routes × roles × inside/outside the subtree: 404 outside for scoped roles, 403 without the permission, the work done otherwise', async (kind) => {
  const { routes, results } = await cellsOf(kind);
  expect(routes.length).toBeGreaterThan(0);
  const wrong = results.filter((r) => {
    const allowed = ROLES[r.role].includes(r.permission as never);
    const scoped = r.role === 'operator' || r.role === 'supervisor';
    if (!allowed) return r.status !== 403 || r.code !== 'forbidden';
    if (scoped && r.unit === OUTSIDE) return r.status !== 404 || r.code !== 'not_found';
    // Found and acted on: whatever the answer (a 409 for a case not yet waiting is one), never a refusal or a failure.
    return r.status === 403 || r.status === 404 || r.status >= 500;
  });
  expect(wrong.map((r) => `${r.role} ${r.route}${r.alias ? ' (alias)' : ''} in ${r.unit}: ${r.status} ${r.code ?? ''}`)).toEqual([]);
  console.log(`org-unit dimension, ${kind}: ${routes.length} object routes × ${ROLE_NAMES.length} roles × 2 places = ${results.length} cells`);
});
