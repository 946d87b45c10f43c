import { z } from 'zod';
import { route } from '../../engine/http/route';
import type { Services } from '../../engine/services';
import type { ReevaluationService } from './reevaluation.service';
import { addAreas, areaInput, areaName, listAreas, parseAreasCsv } from './risk-area-list';

const reevaluationParam = z.object({ id: z.uuid() }).strict();

/**
 * The risk-area list as a list (read by everyone who reads cases; written by who may publish rule
 * sets, as in the rule editor) and the re-evaluation of recent arrivals after a change (who may act
 * on many cases at once, within their org units).
 */
export function riskAreaRoutes(services: Services, reevaluations: ReevaluationService) {
  return [
    route({
      method: 'get', path: '/api/risk-areas', tag: 'risk areas', permission: 'case.read',
      summary: 'The medium and high-risk areas of the published risk-area list (rule set risk-areas), each with its level, when it takes effect and ends, and whether it is in effect now',
      handle: () => listAreas(services),
    }),
    route({
      method: 'post', path: '/api/risk-areas', tag: 'risk areas', permission: 'ruleset.publish', status: 201,
      summary: "Add an area to the list, or change an area's level or times: published at once as the list's next version (audited); refused while a draft of the list is open",
      body: areaInput,
      handle: ({ body, principal }) => addAreas(services, [body], principal, `${body.area}: ${body.level}`),
    }),
    route({
      method: 'post', path: '/api/risk-areas/import', tag: 'risk areas', permission: 'ruleset.publish', status: 201,
      summary: 'Add or change many areas from CSV (header: area, level, and optionally from, until as ISO 8601): every bad cell is named by row and column and nothing is published',
      body: z.object({ csv: z.string().min(1).max(200_000).describe('The CSV text, UTF-8') }).strict(),
      handle: ({ body, principal }) => {
        const areas = parseAreasCsv(body.csv);
        return addAreas(services, areas, principal, `imported ${areas.length} area(s) from CSV`);
      },
    }),
    route({
      method: 'post', path: '/api/risk-reevaluations/preview', tag: 'risk areas', permission: 'case.bulk',
      summary: "The arrivals of the last windowDays days from an area whose classification the list's level now changes: how many people per org unit, from which outcome to which, where their cases are, and the first people (masked as on the case page); kept for the confirm, acts on nothing",
      body: z.object({ area: areaName, windowDays: z.number().int().min(1).max(60).default(14).describe('How many days back arrivals are looked for') }).strict(),
      handle: ({ body, principal }) => reevaluations.preview(body, principal),
    }),
    route({
      method: 'get', path: '/api/risk-reevaluations/:id', tag: 'risk areas', permission: 'case.bulk',
      summary: 'A kept re-evaluation: its area, level and window, its status, and once confirmed what was done in your org units',
      params: reevaluationParam,
      handle: ({ params, principal }) => reevaluations.get(params.id, principal),
    }),
    route({
      method: 'post', path: '/api/risk-reevaluations/:id/confirm', tag: 'risk areas', permission: 'case.bulk',
      summary: "Re-route the previewed arrivals that still qualify, once: each is followed by a case classified again at the listed level (the earlier one cancelled when running), and each unit's district office is told; a second or concurrent confirm answers 409 (audited)",
      params: reevaluationParam,
      handle: ({ params, principal }) => reevaluations.confirm(params.id, principal),
    }),
  ];
}
