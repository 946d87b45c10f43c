import { createHash, createHmac, randomUUID } from 'node:crypto';

/**
 * Workflow ids and search attributes are stored in clear text by Temporal, so a business key
 * (often an ID-card number) only ever leaves here hashed, and keyed: an HMAC under the site's
 * secret (privacy/hash-secret.ts), so knowing a person's ID number is not enough to compute the
 * id of their case.
 */
export function hashBusinessKey(secret: Buffer, processKey: string, businessKey: string): string {
  return createHmac('sha256', secret).update(`${processKey}\u0000${businessKey}`).digest('hex').slice(0, 32);
}

/** The unkeyed hash cases started before keyed ids carry: looked up, never written. */
export function legacyHashBusinessKey(processKey: string, businessKey: string): string {
  return createHash('sha256').update(`${processKey}\u0000${businessKey}`).digest('hex').slice(0, 32);
}

/** A case id: the process key and an opaque part (the keyed hash of the business key, or a random one). */
export function caseIdFor(secret: Buffer, processKey: string, businessKey?: string): { id: string; hashedKey: string | null } {
  if (businessKey === undefined) return { id: `${processKey}.${randomUUID().replace(/-/g, '')}`, hashedKey: null };
  const hashedKey = hashBusinessKey(secret, processKey, businessKey);
  return { id: `${processKey}.${hashedKey}`, hashedKey };
}

/** The id a case of this business key had before ids were keyed: a case started then is still this key's case. */
export function legacyCaseIdFor(processKey: string, businessKey: string): string {
  return `${processKey}.${legacyHashBusinessKey(processKey, businessKey)}`;
}
