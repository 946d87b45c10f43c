/**
 * Cold-chain trace codes: `CC-<yyyymmdd>-<10 characters>`, one per batch. The
 * characters are Crockford base32 (no I, L, O, U), so a code read aloud or typed
 * from a label is not misread.
 */
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { cstDay } from '../cst-day';
import { TraceCodeEntity, type TraceCodeRow } from './trace-code.entity';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 50 random bits: a collision is a retry, not an error, and needs astronomically many batches to happen. */
const RANDOM_CHARS = 10;
const MAX_TRIES = 5;

export function newTraceCode(now: Date): string {
  const bytes = randomBytes(RANDOM_CHARS);
  let body = '';
  for (const b of bytes) body += ALPHABET[b % ALPHABET.length];
  return `CC-${cstDay(now)}-${body}`;
}

/** The batch's code: the one it has, or a new unique one. */
export async function traceCodeFor(db: DataSource, batchId: string, caseId: string, details: Record<string, unknown>): Promise<TraceCodeRow> {
  const repo = db.getRepository(TraceCodeEntity);
  for (let i = 0; i < MAX_TRIES; i++) {
    const existing = await repo.findOneBy({ batchId });
    if (existing) return existing;
    // Conflicts on the batch (a concurrent attempt) or on the code (a collision) both insert nothing; the loop tells them apart.
    await db.createQueryBuilder().insert().into(TraceCodeEntity).values({ code: newTraceCode(new Date()), batchId, caseId, details }).orIgnore().execute();
  }
  const existing = await repo.findOneBy({ batchId });
  if (existing) return existing;
  throw new Error(`could not draw a unique trace code for batch '${batchId}' in ${MAX_TRIES} tries`);
}
