/**
 * API paths that were renamed keep answering for one release under their old name:
 * the same route, marked deprecated in OpenAPI and answered with a `Deprecation`
 * header and a `Link` to the new path. An alias rather than a redirect, because a
 * client that does not follow redirects (curl without -L, a lab system's HTTP
 * library, supertest) would otherwise break on the first request.
 */
import type { Route } from './route';

/** Old prefix → new prefix. */
const RENAMED: [string, string][] = [['/api/instances', '/api/cases']];

/** The routes, plus a deprecated alias for each one whose path was renamed. */
export function withLegacyPaths(routes: readonly Route[]): Route[] {
  const aliases: Route[] = [];
  for (const r of routes) {
    for (const [old, now] of RENAMED) {
      if (r.path === now || r.path.startsWith(`${now}/`)) aliases.push({ ...r, path: old + r.path.slice(now.length), successor: r.path });
    }
  }
  return [...routes, ...aliases];
}
