import { z } from 'zod';
import { localizedText } from '../../language';
import { route } from '../http/route';
import { orgUnitId } from './org-unit-id';
import type { OrgUnitService } from './org-unit.service';

const unitParam = z.object({ id: orgUnitId }).strict();

/** The org-unit tree's routes: read by every signed-in account, edited with orgunit.manage. */
export function orgUnitRoutes(units: OrgUnitService) {
  return [
    route({
      // Every signed-in account may read the tree: starting a case, filtering a list and editing an account name units.
      method: 'get', path: '/api/org-units', tag: 'org-units', permission: 'account.self', summary: 'The org-unit tree from its root: {id, name: {zh, en}, children}',
      handle: () => units.tree(),
    }),
    route({
      method: 'post', path: '/api/org-units', tag: 'org-units', permission: 'orgunit.manage', status: 201, summary: 'Add an org unit below another (audited)',
      body: z.object({ id: orgUnitId, parentId: orgUnitId, name: localizedText }).strict(),
      handle: ({ body, actor }) => units.create(body, actor),
    }),
    route({
      method: 'put', path: '/api/org-units/:id', tag: 'org-units', permission: 'orgunit.manage', summary: 'Rename an org unit, or move it (with its subtree) below another; never below itself (audited)',
      params: unitParam,
      body: z
        .object({ name: localizedText.optional(), parentId: orgUnitId.optional() })
        .strict()
        .refine((b) => b.name !== undefined || b.parentId !== undefined, { message: 'give a name, a parentId or both' }),
      handle: ({ params, body, actor }) => units.update(params.id, body, actor),
    }),
    route({
      method: 'delete', path: '/api/org-units/:id', tag: 'org-units', permission: 'orgunit.manage', summary: 'Remove an org unit nothing refers to (no unit below it, no case, task or account in it; audited)',
      params: unitParam,
      handle: ({ params, actor }) => units.remove(params.id, actor),
    }),
  ];
}
