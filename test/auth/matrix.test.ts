/**
 * Deny by default, checked from the route table itself: anonymous callers get 401 on every route
 * but the public ones, and each of the five roles gets 403 exactly on the routes whose permission
 * it lacks (matrix.ts). The org-unit dimension joins through matrix.ts's hooks.
 */
import { ROLE_NAMES, ROLES, PERMISSION_NAMES } from '../../engine/auth/permissions';
import { route, type Route } from '../../engine/http/route';
import { uniqueKey, useTestApp } from '../support/app';
import { inBatches } from '../support/batches';
import { cellsOf, requestOf, routeName } from './matrix';

const app = useTestApp({ seed: false });
const routes = (): readonly Route[] => app.platform.routes!;

/** The only routes anyone may call without signing in. */
const PUBLIC = ['GET /api/health', 'POST /api/auth/login', 'GET /api/auth/oidc/login', 'GET /api/auth/oidc/callback'];

test('a route without a permission or public: true does not compile, and the route table has none', () => {
  // @ts-expect-error a route must declare `permission` or `public: true`
  route({ method: 'get', path: '/api/nothing-declared', tag: 't', summary: 's', handle: async () => ({}) });
  // @ts-expect-error and not both
  route({ method: 'get', path: '/api/both', tag: 't', summary: 's', public: true, permission: 'case.read', handle: async () => ({}) });
  const undeclared = routes().filter((r) => (r.public === true) === (typeof r.permission === 'string') || (r.permission !== undefined && !PERMISSION_NAMES.includes(r.permission)));
  expect(undeclared.map(routeName)).toEqual([]);
  expect(routes().filter((r) => r.public).map(routeName).sort()).toEqual([...PUBLIC].sort());
});

test('every route but the public ones answers 401 to an anonymous caller', async () => {
  const answers = await inBatches(routes(), 20, async (r) => {
    const { method, path, body } = requestOf(r);
    const res = await app.anonymous.api(method, path, body);
    return { route: routeName(r), public: Boolean(r.public), status: res.status, code: res.body?.error?.code };
  });
  const wrong = answers.filter((a) => (a.public ? a.status === 401 : a.status !== 401 || a.code !== 'unauthenticated'));
  expect(wrong).toEqual([]);
});

test('the OpenAPI document names each operation\'s permission, or says it is public', async () => {
  const doc = (await app.api('GET', '/api/openapi.json')).body;
  const declared = routes().map((r) => {
    const op = doc.paths[r.path.replace(/:([A-Za-z_]+)/g, '{$1}')][r.method];
    return [routeName(r), op['x-permission'] ?? (op.security?.length === 0 ? 'public' : 'missing')];
  });
  expect(declared).toEqual(routes().map((r) => [routeName(r), r.permission ?? 'public']));
  expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['bearer', 'session']);
});

test('authorization matrix: every guarded route × every role answers 403 exactly where the role lacks the permission', async () => {
  const suffix = uniqueKey('m');
  const cells = cellsOf(routes());
  const results = await inBatches(cells, 20, async (cell) => {
    const { method, path, body } = requestOf(cell.route);
    const res = await app.as(`matrix-${cell.role}-${suffix}`, { roles: [cell.role] }).api(method, path, body);
    return { ...cell, status: res.status, code: res.body?.error?.code as string | undefined };
  });
  const wrong = results
    .filter((r) => (r.allowed ? r.status === 403 || r.status === 401 : r.status !== 403 || r.code !== 'forbidden'))
    .map((r) => `${r.role} ${routeName(r.route)} (${r.route.permission}): ${r.status} ${r.code ?? ''}`);
  expect(wrong).toEqual([]);

  const guarded = routes().filter((r) => !r.public).length;
  const lines = ROLE_NAMES.map((role) => {
    const allowed = results.filter((r) => r.role === role && r.allowed).length;
    return `  ${role.padEnd(10)} ${String(allowed).padStart(3)} of ${guarded} routes; permissions: ${ROLES[role].join(' ')}`;
  });
  console.log(`authorization matrix: ${guarded} guarded routes × ${ROLE_NAMES.length} roles = ${cells.length} cells (${routes().length} routes in all, ${PUBLIC.length} public)\n${lines.join('\n')}`);
  expect(cells.length).toBe(guarded * ROLE_NAMES.length);
});
