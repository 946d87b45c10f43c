import { caseParam } from '../http/params';
import { route } from '../http/route';
import type { CaseActivity } from './case-activity';

/** A case's notices, events and audit trail (case-activity.ts), each scoped as GET /api/cases/:id. */
export function caseActivityRoutes(activity: CaseActivity) {
  return [
    route({
      method: 'get', path: '/api/cases/:id/notices', tag: 'cases', permission: 'case.read',
      summary: 'The notices a case sent, newest first: channel, recipient, template, status and each delivery (not their parameters)',
      params: caseParam, handle: ({ params, principal }) => activity.notices(params.id, principal),
    }),
    route({
      method: 'get', path: '/api/cases/:id/events', tag: 'cases', permission: 'case.read',
      summary: "The events a case's current run received, oldest first, with their payloads masked as its variables are",
      params: caseParam, handle: ({ params, principal }) => activity.events(params.id, principal),
    }),
    route({
      method: 'get', path: '/api/cases/:id/audit', tag: 'cases', permission: 'audit.read',
      summary: 'The audit trail of a case, oldest first: its own rows and those of its tasks and incidents',
      params: caseParam, handle: ({ params, principal }) => activity.audit(params.id, principal),
    }),
  ];
}
