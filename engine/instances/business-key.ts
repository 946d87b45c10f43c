import { createHash, randomUUID } from 'node:crypto';

/**
 * Workflow ids and search attributes are stored in clear text by Temporal, so a
 * business key (often an ID-card number) only ever leaves this function hashed.
 */
export function hashBusinessKey(processKey: string, businessKey: string): string {
  return createHash('sha256').update(`${processKey}\u0000${businessKey}`).digest('hex').slice(0, 32);
}

/** A case id: the process key and an opaque part (the hashed business key, or a random one). */
export function caseIdFor(processKey: string, businessKey?: string): { id: string; hashedKey: string | null } {
  if (businessKey === undefined) return { id: `${processKey}.${randomUUID().replace(/-/g, '')}`, hashedKey: null };
  const hashedKey = hashBusinessKey(processKey, businessKey);
  return { id: `${processKey}.${hashedKey}`, hashedKey };
}
