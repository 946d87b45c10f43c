import { z } from 'zod';
import { instant, limit } from '../http/params';
import { route } from '../http/route';
import type { AuditLog } from './audit-log';

const word = z.string().min(1).max(64);

export function auditRoutes(log: AuditLog) {
  return [
    route({
      method: 'get', path: '/api/audit', tag: 'audit', permission: 'audit.read',
      summary: 'The audit trail, newest first: who did what to which object, when and from where; filtered, paged with nextCursor',
      query: z
        .object({
          actor: z.string().min(1).max(200).optional(),
          action: word.optional(),
          kind: word.optional(),
          key: z.string().min(1).max(200).optional(),
          from: instant.optional().describe('At or after (inclusive)'),
          to: instant.optional().describe('Before (exclusive)'),
          limit,
          cursor: z.string().max(200).optional(),
        })
        .strict(),
      handle: ({ query }) => log.list(query),
    }),
  ];
}
