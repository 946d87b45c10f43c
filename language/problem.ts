/**
 * The one shape of a problem found in a request or a document, used by the API's answers,
 * the process validator, the rule set checks and the editor. No zod: the workflow re-runs
 * the graph checks in its sandbox.
 */

/** One problem, located by a path such as `nodes/2/activity` or `rules/0/conditions/all/1`. */
export interface Problem {
  /** JSON-pointer segments (`~` → `~0`, `/` → `~1`) joined by `/`, without the leading slash; '' is the whole document. */
  path: string;
  code: string;
  message: string;
  nodeId?: string;
  edgeId?: string;
  /** The values a translated message needs beside its code (the field, the name read), so a client shows it in its own language. */
  params?: Record<string, string>;
}

/** One path segment, JSON-pointer escaped, so that a key holding `/` stays one segment. */
export function pathSegment(segment: PropertyKey): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** A problem path from its segments (field names, array indexes): `pathOf(['nodes', 2, 'id'])` is `nodes/2/id`. */
export function pathOf(segments: readonly PropertyKey[]): string {
  return segments.map(pathSegment).join('/');
}
