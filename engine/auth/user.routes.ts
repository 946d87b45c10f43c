/** Accounts, for administrators: create, list, read, change, disable. */
import { z } from 'zod';
import { resourceKey } from '../../language';
import { route } from '../http/route';
import type { AuthServices } from './auth-services';
import { ROLE_NAMES } from './permissions';
import { PASSWORD_MAX } from './password';

const roles = z.array(z.enum(ROLE_NAMES)).max(ROLE_NAMES.length);
const orgUnits = z.array(z.string().min(1).max(64)).max(100);
const groups = z.array(resourceKey).max(50).describe('Work groups, e.g. cdc-investigation');
const locale = z.enum(['zh-CN', 'en']);
const password = z.string().max(PASSWORD_MAX * 4);
const idParam = z.object({ id: z.uuid() }).strict();

export function userRoutes(auth: AuthServices) {
  return [
    route({
      method: 'post', path: '/api/users', tag: 'users', permission: 'user.manage', status: 201, summary: 'Create an account with a password, roles and org units',
      body: z.object({ username: z.string().max(200), password, displayName: z.string().max(200).optional(), roles, orgUnits: orgUnits.default([]), groups: groups.optional(), locale: locale.optional() }).strict(),
      handle: ({ body, actor }) => auth.users.create(body, actor),
    }),
    route({
      method: 'get', path: '/api/users', tag: 'users', permission: 'user.manage', summary: 'Every account, by username',
      handle: () => auth.users.list(),
    }),
    route({
      method: 'get', path: '/api/users/:id', tag: 'users', permission: 'user.manage', summary: 'One account', params: idParam,
      handle: ({ params }) => auth.users.get(params.id),
    }),
    route({
      method: 'put', path: '/api/users/:id', tag: 'users', permission: 'user.manage', params: idParam,
      summary: 'Change an account: display name, roles, org units, locale, password, disabled, or unlock after failed sign-ins',
      body: z.object({ displayName: z.string().max(200).optional(), roles: roles.optional(), orgUnits: orgUnits.optional(), groups: groups.optional(), locale: locale.optional(), disabled: z.boolean().optional(), password: password.optional(), unlock: z.literal(true).optional() }).strict(),
      handle: ({ params, body, actor }) => auth.users.update(params.id, body, actor),
    }),
    route({
      method: 'post', path: '/api/users/:id/disable', tag: 'users', permission: 'user.manage', params: idParam, summary: 'Disable an account: its sessions end and its tokens stop working',
      handle: ({ params, actor }) => auth.users.update(params.id, { disabled: true }, actor),
    }),
  ];
}
