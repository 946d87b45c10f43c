import { z } from 'zod';
import { resourceKey } from '../../language';
import { caseId, limit } from '../http/params';
import { route } from '../http/route';
import type { IncidentService } from './incident.service';

/** `<case>:<node>:<visit>:<n>`, as the interpreter names an incident. */
const incidentParam = z.object({ id: z.string().regex(/^[a-z][a-z0-9-]{1,62}\.[a-f0-9]{32}:[A-Za-z][A-Za-z0-9_-]{0,63}:\d{1,9}:\d{1,9}$/, 'is not an incident id') }).strict();

const resolution = z
  .object({
    action: z.enum(['retry', 'skip', 'fail']).describe('retry: run the step again; skip: go on along an exit as if the step gave `output`; fail: fail the case'),
    outcome: z.string().min(1).max(100).optional().describe("For skip: the exit to take (an edge's outcome or id, or 'default'); the node's only exit when absent"),
    output: z.unknown().optional().describe("For skip: what the node's output variable gets"),
    comment: z.string().trim().min(1).max(2000).describe('Why: kept in the audit trail'),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.action === 'skip') return;
    for (const field of ['outcome', 'output'] as const) {
      if (b[field] !== undefined) ctx.addIssue({ code: 'custom', path: [field], message: `belongs to a skip, not a ${b.action}` });
    }
  });

export function incidentRoutes(incidents: IncidentService) {
  return [
    route({
      method: 'get', path: '/api/incidents', tag: 'incidents', permission: 'case.read', summary: 'Incidents (steps that failed and wait for an operator), newest first',
      query: z.object({ processKey: resourceKey.optional(), caseId: caseId.optional(), status: z.enum(['open', 'resolved']).optional(), limit }).strict(),
      handle: ({ query, principal }) => incidents.list(query, principal),
    }),
    route({
      method: 'get', path: '/api/incidents/:id', tag: 'incidents', permission: 'case.read', summary: 'One incident', params: incidentParam,
      handle: ({ params, principal }) => incidents.get(params.id, principal),
    }),
    route({
      method: 'post', path: '/api/incidents/:id/resolve', tag: 'incidents', permission: 'incident.resolve', summary: "Resolve an incident: retry the step, skip it, or fail the case (audited)",
      params: incidentParam, body: resolution,
      handle: ({ params, body, principal }) => incidents.resolve(params.id, body, principal),
    }),
  ];
}
