/** Path and query parameter schemas shared by the routes: ids are checked before any lookup. */
import { z } from 'zod';
import { identifier, resourceKey } from '../../language';

export const keyParam = z.object({ key: resourceKey }).strict();
export const versionNumber = z.coerce.number().int().positive().max(1_000_000);
export const keyVersionParams = z.object({ key: resourceKey, version: versionNumber }).strict();
/**
 * A case id: a case started through the API (`<process>.<hash>`), or a case another started under
 * it (up to four deep): a subprocess node's child (`<case>.<node>.<visit>`) or a ladder step's
 * linked case (`<case>.<node>.<visit>.ladder<step>-<action>`).
 */
const CASE_ID = String.raw`[a-z][a-z0-9-]{1,62}\.[a-f0-9]{32}(?:\.[A-Za-z][A-Za-z0-9_-]{0,63}\.\d{1,9}(?:\.ladder\d{1,2}-\d)?){0,4}`;
export const caseId = z.string().regex(new RegExp(`^${CASE_ID}$`), 'is not a case id');
export const caseParam = z.object({ id: caseId }).strict();
export const caseEventParams = z.object({ id: caseId, name: identifier }).strict();
export const taskParam = z.object({ id: z.string().regex(new RegExp(`^${CASE_ID}:[A-Za-z][A-Za-z0-9_-]{0,63}:\\d{1,9}$`), 'is not a task id') }).strict();
export const limit = z.coerce.number().int().min(1).max(500).default(50);
export const comment = z.string().max(2000).default('');

/**
 * An ISO 8601 instant, handed on in UTC: the format alone lets through offsets PostgreSQL refuses
 * (-20:00) and years it has not (0000), which would reach the query as a 500.
 */
export const instant = z.iso
  .datetime({ offset: true })
  .transform((text, ctx) => {
    const at = new Date(text);
    const year = at.getUTCFullYear();
    if (Number.isNaN(at.getTime()) || year < 1 || year > 9999) {
      ctx.addIssue({ code: 'custom', message: 'must be an instant between the years 1 and 9999' });
      return z.NEVER;
    }
    return at.toISOString();
  })
  .describe('An ISO 8601 date and time with its offset, e.g. 2026-11-29T08:00:00+08:00');
