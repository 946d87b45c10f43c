import { z } from 'zod';
import { route } from '../http/route';
import { orgUnitId } from '../orgunits/org-unit-id';
import { checkPeriod, dutyTime, newShift, periodFields, shiftChange, shiftParam, shiftView } from './duty-shift';
import type { DutyService } from './duty.service';

/** The duty roster's routes (policy 25, and policy 27's gap report): read with duty.read, edited with duty.manage, each inside the caller's org units. */
export function dutyRoutes(duty: DutyService) {
  return [
    route({
      method: 'get', path: '/api/duty/shifts', tag: 'duty', permission: 'duty.read', summary: "A unit's duty roster for a period: the shifts overlapping [from, to), by start",
      query: z.object({ orgUnit: orgUnitId, ...periodFields }).strict().superRefine(checkPeriod),
      response: z.object({ orgUnit: z.string(), from: z.string(), to: z.string(), shifts: z.array(shiftView) }),
      handle: ({ query, principal }) => duty.roster(query, principal),
    }),
    route({
      method: 'post', path: '/api/duty/shifts', tag: 'duty', permission: 'duty.manage', status: 201,
      summary: 'Put an account on duty for a unit as its leader or staff on duty; a shift overlapping another of the same role in the unit is refused (409 duty_overlap; audited)',
      body: newShift, response: shiftView,
      handle: ({ body, principal }) => duty.create(body, principal),
    }),
    route({
      method: 'put', path: '/api/duty/shifts/:id', tag: 'duty', permission: 'duty.manage', summary: 'Change who, which role or when a shift is (409 duty_overlap as when adding; audited)',
      params: shiftParam, body: shiftChange, response: shiftView,
      handle: ({ params, body, principal }) => duty.update(params.id, body, principal),
    }),
    route({
      method: 'delete', path: '/api/duty/shifts/:id', tag: 'duty', permission: 'duty.manage', summary: 'Remove a shift from the roster (audited)',
      params: shiftParam,
      handle: ({ params, principal }) => duty.remove(params.id, principal),
    }),
    route({
      method: 'get', path: '/api/duty/now', tag: 'duty', permission: 'duty.read', summary: 'Who is on duty (leaders and staff) in a unit, or in each unit of your org units, now or at a given time',
      query: z.object({ orgUnit: orgUnitId.optional(), at: dutyTime.optional() }).strict(),
      handle: ({ query, principal }) => duty.onDuty(query, principal),
    }),
    route({
      method: 'get', path: '/api/duty/gaps', tag: 'duty', permission: 'duty.read',
      summary: 'The duty-gap report: for a period, the stretches with no leader, no staff and nobody on duty in a unit or each unit of your org units, most hours uncovered first',
      query: z.object({ orgUnit: orgUnitId.optional(), ...periodFields }).strict().superRefine(checkPeriod),
      handle: ({ query, principal }) => duty.gaps(query, principal),
    }),
  ];
}
