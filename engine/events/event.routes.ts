import { z } from 'zod';
import { identifier, resourceKey } from '../../language';
import { versionNumber } from '../http/params';
import { route } from '../http/route';
import type { CorrelationService } from './correlation.service';

const correlation = z
  .object({
    name: identifier.describe('The event, as the process names it in its event node'),
    businessKey: z.string().min(1).max(200).optional().describe("The person's business key (e.g. an ID number): its cases in every process, or in processKey's"),
    processKey: resourceKey.optional().describe('The process whose cases to deliver to; with no businessKey, its running cases that match filter'),
    filter: z.object({ version: versionNumber.optional(), node: identifier.optional() }).strict().optional().describe('With processKey alone: only cases of this version, or active in this node'),
    payload: z.unknown().optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.businessKey === undefined && b.processKey === undefined) ctx.addIssue({ code: 'custom', path: ['businessKey'], message: 'name the cases: a businessKey, or a processKey and a filter' });
    if (b.businessKey !== undefined && b.filter !== undefined) ctx.addIssue({ code: 'custom', path: ['filter'], message: 'a business key names its cases: no filter with it' });
  });

export function eventRoutes(correlations: CorrelationService) {
  return [
    route({
      method: 'post', path: '/api/events', tag: 'cases', permission: 'case.act', status: 202,
      summary: 'Deliver an event to the cases waiting for it, found by business key or by process and filter (e.g. a lab result)',
      body: correlation,
      handle: ({ body, principal }) => correlations.deliver(body, principal),
    }),
  ];
}
