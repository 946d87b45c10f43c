import { z } from 'zod';
import { caseListQuery } from '../cases/projection/case-list';
import { limit } from '../http/params';
import { Reply } from '../http/reply';
import { route } from '../http/route';
import { bulkAction } from './bulk-action';
import { ITEM_STATUSES } from './bulk-job.store';
import { bulkPreviewSchema, type BulkService } from './bulk.service';

const bulkParam = z.object({ id: z.string().regex(/^bulk-[0-9a-f-]{36}$/, 'is not a bulk job id') }).strict();
/** The case list's filters (GET /api/cases's query, as the list screen has them), and the action. */
const request = {
  filter: caseListQuery.describe("The case list's filters (GET /api/cases), within the caller's org units; paging fields are ignored"),
  action: bulkAction,
};

export function bulkRoutes(bulk: BulkService) {
  return [
    route({
      method: 'post', path: '/api/bulk/preview', tag: 'bulk', permission: 'case.bulk',
      summary: 'How many cases a filter selects, and for a sample what the action would do to each (a cancel, an event delivered or not, a migration dry run, incidents retried); acts on nothing',
      body: z.object(request).strict(), response: bulkPreviewSchema,
      handle: ({ body, principal }) => bulk.preview(body, principal),
    }),
    route({
      method: 'post', path: '/api/bulk', tag: 'bulk', permission: 'case.bulk', status: 202,
      summary: 'Start a bulk job: the selection is frozen now, and a durable job acts on each case once, at the given rate (audited per case)',
      body: z.object({ ...request, ratePerSecond: z.number().int().min(1).max(50).default(5).describe('Cases acted on per second at the most') }).strict(),
      handle: ({ body, principal }) => bulk.start(body, principal),
    }),
    route({
      method: 'get', path: '/api/bulk', tag: 'bulk', permission: 'case.read', summary: 'Bulk jobs of your org units, newest first, with their progress counts',
      query: z.object({ limit }).strict(), handle: ({ query, principal }) => bulk.list(principal, query.limit),
    }),
    route({
      method: 'get', path: '/api/bulk/:id', tag: 'bulk', permission: 'case.read', summary: 'One bulk job: its action, status and how many cases are pending, done, skipped and failed',
      params: bulkParam, handle: ({ params, principal }) => bulk.get(params.id, principal),
    }),
    route({
      method: 'get', path: '/api/bulk/:id/items', tag: 'bulk', permission: 'case.read', summary: "A bulk job's cases in order with each one's outcome and reason, a page at a time (after: the last seq seen)",
      params: bulkParam, query: z.object({ status: z.enum(ITEM_STATUSES).optional(), after: z.coerce.number().int().min(0).max(1_000_000).optional(), limit }).strict(),
      handle: ({ params, query, principal }) => bulk.items(params.id, query, principal),
    }),
    route({
      method: 'get', path: '/api/bulk/:id/report.csv', tag: 'bulk', permission: 'case.read', summary: "A bulk job's report as CSV: one line per case with its outcome and reason",
      params: bulkParam,
      handle: async ({ params, principal }) =>
        new Reply(await bulk.report(params.id, principal), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${params.id}.csv"` }),
    }),
    route({
      method: 'post', path: '/api/bulk/:id/cancel', tag: 'bulk', permission: 'case.bulk', summary: 'Stop a running bulk job: cases not yet reached are skipped (audited)',
      params: bulkParam, handle: ({ params, principal }) => bulk.cancel(params.id, principal),
    }),
  ];
}
