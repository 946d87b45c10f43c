import { z } from 'zod';
import { limit, versionNumber } from '../../engine/http/params';
import { Reply } from '../../engine/http/reply';
import { route } from '../../engine/http/route';
import { orgUnitId } from '../../engine/orgunits/org-unit-id';
import type { Services } from '../../engine/services';
import { dispatchPdf } from './dispatch-pdf';
import type { DispatchService } from './dispatch.service';
import { officeDay } from './office-day';

const dayParam = z.object({ day: officeDay }).strict();
const reportParams = z.object({ day: officeDay, orgUnit: orgUnitId }).strict();
const revisionQuery = z.object({ revision: versionNumber.optional().describe("A kept revision; the latest when absent") }).strict();

/** The daily dispatch's API: kept reports, read like cases (case.read, within the caller's org units). */
export function dispatchRoutes(dispatch: DispatchService, services: Services) {
  return [
    route({
      method: 'get', path: '/api/daily-reports', tag: 'daily reports', permission: 'case.read', summary: 'Kept daily dispatch reports of your org units, newest day first (no figures)',
      query: z.object({ from: officeDay.optional(), to: officeDay.optional(), limit }).strict(),
      handle: ({ query, principal }) => dispatch.list(principal, query),
    }),
    route({
      method: 'get', path: '/api/daily-reports/:day', tag: 'daily reports', permission: 'case.read', summary: "A day's reports you may see: the city's and each district's, with the figures' names in zh and en",
      params: dayParam, query: revisionQuery,
      handle: ({ params, query, principal }) => dispatch.day(params.day, principal, { revision: query.revision }),
    }),
    route({
      method: 'post', path: '/api/daily-reports/:day', tag: 'daily reports', permission: 'report.generate', status: 201,
      summary: "Compile a day now and keep it as the day's next revision beside the earlier ones (audited)",
      params: dayParam,
      handle: ({ params, principal }) => dispatch.generate(params.day, principal),
    }),
    route({
      method: 'get', path: '/api/daily-reports/:day/:orgUnit', tag: 'daily reports', permission: 'case.read', summary: "One unit's report of a day (the city's is the root unit's)",
      params: reportParams, query: revisionQuery,
      handle: ({ params, query, principal }) => dispatch.day(params.day, principal, { orgUnit: params.orgUnit, revision: query.revision }),
    }),
    route({
      method: 'get', path: '/api/daily-reports/:day/:orgUnit/pdf', tag: 'daily reports', permission: 'case.read', summary: "One unit's report of a day as a PDF, in Chinese and English",
      params: reportParams, query: revisionQuery,
      async handle({ params, query, principal }) {
        const { reports, groupLabels } = await dispatch.day(params.day, principal, { orgUnit: params.orgUnit, revision: query.revision });
        const pdf = await dispatchPdf(reports[0], groupLabels, services.config.reports.font);
        return new Reply(pdf, 200, { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="daily-dispatch-${params.day}-${params.orgUnit}.pdf"` });
      },
    }),
  ];
}
