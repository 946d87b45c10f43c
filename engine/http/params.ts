/** Path and query parameter schemas shared by the routes: ids are checked before any lookup. */
import { z } from 'zod';
import { identifier, resourceKey } from '../../workflows/definition/schema';

export const keyParam = z.object({ key: resourceKey }).strict();
export const versionNumber = z.coerce.number().int().positive().max(1_000_000);
export const keyVersionParams = z.object({ key: resourceKey, version: versionNumber }).strict();
export const caseId = z.string().regex(/^[a-z][a-z0-9-]{1,62}\.[a-f0-9]{32}$/, 'is not a case id');
export const caseParam = z.object({ id: caseId }).strict();
export const caseEventParams = z.object({ id: caseId, name: identifier }).strict();
export const taskParam = z.object({ id: z.string().regex(/^[a-z][a-z0-9-]{1,62}\.[a-f0-9]{32}:[A-Za-z][A-Za-z0-9_-]{0,63}:\d{1,9}$/, 'is not a task id') }).strict();
export const limit = z.coerce.number().int().min(1).max(500).default(50);
export const localizedName = z.object({ zh: z.string().min(1).max(200), en: z.string().min(1).max(200) }).strict();
export const comment = z.string().max(2000).default('');
