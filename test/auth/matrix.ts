/**
 * The authorization matrix, generated from the mounted route table: every guarded route × every
 * role, and whether the role holds the route's permission. A route added later joins the matrix
 * without anyone listing it. The org-unit dimension (inside or outside the caller's subtree)
 * plugs in through `objectsInUnit`: for a route that acts on one object, a function that makes
 * such an object in a given unit and answers the path parameters naming it.
 */
import type { Route } from '../../engine/http/route';
import { ROLE_NAMES, ROLES, type RoleName } from '../../engine/auth/permissions';
import type { TestApp } from '../support/app';

export interface Cell {
  route: Route;
  role: RoleName;
  /** The role holds the route's permission. */
  allowed: boolean;
}

/** `GET /api/cases/:id`: how a route is named in the matrix and its hooks. */
export const routeName = (r: Route) => `${r.method.toUpperCase()} ${r.path}`;

/** Every guarded route × every role. */
export function cellsOf(routes: readonly Route[]): Cell[] {
  return routes.flatMap((route) => (route.public ? [] : ROLE_NAMES.map((role) => ({ route, role, allowed: ROLES[role].includes(route.permission) }))));
}

/** Makes an object a route acts on inside `unit`; answers the path parameters that name it. */
export type ObjectInUnit = (app: TestApp, unit: string) => Promise<Record<string, string>>;

/** The org-unit dimension's hooks, by route name (the routes scoped by org unit fill this). */
export const objectsInUnit: Partial<Record<string, ObjectInUnit>> = {};

/** A request for a route: its path with the given parameters (a placeholder for the others) and, for a write, an empty JSON body. */
export function requestOf(route: Route, params: Record<string, string> = {}): { method: string; path: string; body?: unknown } {
  const path = route.path.replace(/:([A-Za-z_]+)/g, (_, name: string) => encodeURIComponent(params[name] ?? `matrix-${name}`));
  const method = route.method.toUpperCase();
  return { method, path, body: method === 'GET' ? undefined : {} };
}
