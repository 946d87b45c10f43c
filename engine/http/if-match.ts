/**
 * Optimistic concurrency on drafts: GET answers the draft's revision as an ETag, and a
 * save or publish sent with If-Match is refused (412) when the draft moved on meanwhile,
 * instead of silently overwriting someone else's work.
 */
import { UserError } from '../errors';
import { Reply } from './reply';

/** The revision an If-Match header names (`"12"`, or weak `W/"12"`); undefined without one or for `*`. */
export function ifMatchRevision(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const m = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(header);
  if (!m) throw new UserError(400, 'invalid_if_match', `If-Match must be an ETag this API gave out, e.g. "3"; got '${header.slice(0, 40)}'`);
  return Number(m[1]);
}

/** An answer carrying the document's current draft revision as its ETag. */
export function withRevision(body: unknown, revision: number, status?: number): Reply {
  return new Reply(body, status, { etag: `"${revision}"` });
}
