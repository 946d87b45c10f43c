import { z } from 'zod';
import { localizedText, resourceKey } from '../../language';
import { versionNumber } from '../http/params';
import { route } from '../http/route';
import { orgUnitId } from '../orgunits/org-unit-id';
import { scheduleSpec } from './schedule-spec';
import type { ScheduleService } from './schedule.service';

const scheduleParam = z.object({ id: z.string().regex(/^epi-schedule-[0-9a-f-]{36}$/, 'is not a schedule id') }).strict();
const input = z.record(z.string(), z.unknown());
/** Why it was paused or resumed, shown beside it: short (Temporal refuses long schedule notes, which the fuzzer found as a 500). */
const note = z.object({ note: z.string().max(200).default('') }).strict().default({ note: '' });

export function scheduleRoutes(schedules: ScheduleService) {
  return [
    route({
      method: 'get', path: '/api/schedules', tag: 'schedules', permission: 'schedule.read', summary: 'Scheduled starts in your org units, each with its next five run times and latest runs',
      handle: ({ principal }) => schedules.list(principal),
    }),
    route({
      method: 'post', path: '/api/schedules', tag: 'schedules', permission: 'schedule.manage', status: 201,
      summary: 'Start a process on a calendar or an interval with fixed input (audited)',
      body: z
        .object({
          name: localizedText,
          processKey: resourceKey,
          version: versionNumber.optional().describe('A pinned version; the version in effect at each run when absent'),
          orgUnit: orgUnitId.optional().describe("The org unit its cases belong to, inside the caller's own; default: the caller's only unit"),
          input: input.default({}),
          spec: scheduleSpec,
          paused: z.boolean().default(false),
        })
        .strict(),
      handle: ({ body, principal }) => schedules.create(body, principal),
    }),
    route({
      method: 'get', path: '/api/schedules/:id', tag: 'schedules', permission: 'schedule.read', summary: 'One scheduled start',
      params: scheduleParam, handle: ({ params, principal }) => schedules.get(params.id, principal),
    }),
    route({
      method: 'put', path: '/api/schedules/:id', tag: 'schedules', permission: 'schedule.manage', summary: 'Change the name, timing, input or pinned version of a scheduled start (audited)',
      params: scheduleParam,
      body: z
        .object({ name: localizedText.optional(), spec: scheduleSpec.optional(), input: input.optional(), version: versionNumber.nullable().optional().describe('null unpins') })
        .strict()
        .refine((b) => Object.keys(b).length > 0, { message: 'give at least one of name, spec, input, version' }),
      handle: ({ params, body: { version, ...rest }, principal }) =>
        schedules.update(params.id, version === undefined ? rest : { ...rest, version: version ?? undefined }, principal),
    }),
    route({
      method: 'post', path: '/api/schedules/:id/pause', tag: 'schedules', permission: 'schedule.manage', summary: 'Pause a scheduled start (audited)',
      params: scheduleParam, body: note,
      handle: ({ params, body, principal }) => schedules.setPaused(params.id, true, body.note, principal),
    }),
    route({
      method: 'post', path: '/api/schedules/:id/resume', tag: 'schedules', permission: 'schedule.manage', summary: 'Resume a paused scheduled start (audited)',
      params: scheduleParam, body: note,
      handle: ({ params, body, principal }) => schedules.setPaused(params.id, false, body.note, principal),
    }),
    route({
      method: 'post', path: '/api/schedules/:id/trigger', tag: 'schedules', permission: 'schedule.manage', status: 202, summary: 'Start one run now, whatever the timing says (audited)',
      params: scheduleParam, handle: ({ params, principal }) => schedules.trigger(params.id, principal),
    }),
    route({
      method: 'delete', path: '/api/schedules/:id', tag: 'schedules', permission: 'schedule.manage', summary: 'Delete a scheduled start; cases it started run on (audited)',
      params: scheduleParam, handle: ({ params, principal }) => schedules.remove(params.id, principal),
    }),
  ];
}
