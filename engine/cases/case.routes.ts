import { z } from 'zod';
import { identifier, resourceKey } from '../../language';
import { caseEventParams, caseParam, keyParam, versionNumber } from '../http/params';
import { route } from '../http/route';
import { orgUnitId } from '../orgunits/org-unit-id';
import { STATE_WAIT_MS, type CaseService } from './case.service';
import { caseListQuery } from './projection/case-list';
import { heatmapQuery } from './projection/heatmap';
import { migrationPreviewSchema } from './migration-preview';

/** How long a reader of a case waits for its live state before the answer comes from the case's record. */
const caseReadQuery = z
  .object({
    waitMs: z.coerce
      .number()
      .int()
      .min(0)
      .max(STATE_WAIT_MS)
      .default(STATE_WAIT_MS)
      .describe("How long to wait for the case's live state, in ms; past it (or at 0) the answer is from the case's record: its status, current nodes and latest visits, without variables, and `stateUnavailable` says so"),
  })
  .strict();

/** A migration's request, real or dry run. */
const migrateBody = z.object({ toVersion: versionNumber, nodeMapping: z.record(identifier, identifier).optional() }).strict();

export function caseRoutes(cases: CaseService) {
  return [
    route({
      method: 'post', path: '/api/cases', tag: 'cases', permission: 'case.start', status: 201, summary: 'Start a case of a published process version',
      body: z
        .object({
          processKey: resourceKey,
          version: versionNumber.optional(),
          businessKey: z.string().min(1).max(200).optional().describe('Identifies the case (e.g. an ID number); stored only hashed'),
          orgUnit: orgUnitId.optional().describe("The org unit the case belongs to, inside the caller's own; default: the caller's only unit"),
          input: z.record(z.string(), z.unknown()).default({}),
        })
        .strict(),
      handle: ({ body, principal }) => cases.start(body, principal),
    }),
    route({
      method: 'get', path: '/api/cases', tag: 'cases', permission: 'case.read',
      summary: 'List cases (newest first unless sorted otherwise) by process, version, status, current node, org unit, business key, dates, incident and deadline; total exact up to 10,000, estimated beyond',
      query: caseListQuery,
      handle: ({ query, principal }) => cases.list(query, principal),
    }),
    route({
      method: 'get', path: '/api/processes/:key/heatmap', tag: 'cases', permission: 'case.read', summary: "A process's running cases per node now, and the median and p90 time spent per node in a period",
      params: keyParam, query: heatmapQuery, handle: ({ params, query, principal }) => cases.heatmap(params.key, query, principal),
    }),
    route({
      method: 'get', path: '/api/cases/:id', tag: 'cases', permission: 'case.read', summary: 'Where a case stands: status, active nodes, variables, visits',
      params: caseParam, query: caseReadQuery, handle: ({ params, query, principal }) => cases.get(params.id, principal, query.waitMs),
    }),
    route({
      method: 'post', path: '/api/cases/:id/events/:name', tag: 'cases', permission: 'case.act', status: 202, summary: 'Send a named event to a case',
      params: caseEventParams, body: z.object({ payload: z.unknown().optional() }).strict().default({}),
      handle: ({ params, body, principal }) => cases.sendEvent(params.id, params.name, body.payload ?? null, principal),
    }),
    route({
      method: 'post', path: '/api/cases/:id/cancel', tag: 'cases', permission: 'case.act', status: 202, summary: 'Cancel a case, with the reason kept in the audit trail (open tasks are closed)',
      params: caseParam, body: z.object({ reason: z.string().trim().min(1).max(500).optional() }).strict().default({}),
      handle: ({ params, body, principal }) => cases.cancel(params.id, body.reason, principal),
    }),
    route({
      method: 'post', path: '/api/cases/:id/terminate', tag: 'cases', permission: 'case.terminate', status: 202, summary: 'End a running case at once, e.g. a stuck one that cannot be cancelled (audited)',
      params: caseParam, body: z.object({ reason: z.string().trim().min(1).max(500) }).strict(),
      handle: ({ params, body, principal }) => cases.terminate(params.id, body.reason, principal),
    }),
    route({
      method: 'post', path: '/api/cases/:id/migrate', tag: 'cases', permission: 'case.migrate', summary: 'Move a waiting case to another published version',
      params: caseParam, body: migrateBody,
      handle: ({ params, body, principal }) => cases.migrate(params.id, body.toVersion, body.nodeMapping, principal),
    }),
    route({
      method: 'post', path: '/api/cases/:id/migrate/preview', tag: 'cases', permission: 'case.migrate',
      summary: 'Dry run of a migration: where each active node would go, the variables the target version declares that the case lacks, and the reason when it would be refused; changes nothing',
      params: caseParam, body: migrateBody, response: migrationPreviewSchema,
      handle: ({ params, body, principal }) => cases.previewMigration(params.id, body.toVersion, body.nodeMapping, principal),
    }),
    route({
      method: 'get', path: '/api/cases/:id/decisions', tag: 'cases', permission: 'case.read', summary: 'Every rule decision of a case, with the facts and the trace',
      params: caseParam, handle: ({ params, principal }) => cases.decisions(params.id, principal),
    }),
  ];
}
