/**
 * Places at quarantine sites. A place is taken by one conditional UPDATE
 * (`occupied < capacity`), which PostgreSQL re-checks on the newest row version
 * after waiting for a concurrent writer: two cases can never take the last place,
 * and the table's CHECK constraint is the last guard. The assignment row is
 * inserted by the same statement, once per idempotency key.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { isUniqueViolation } from '../../engine/db/pg-errors';
import { QuarantineSiteEntity, type QuarantineSiteRow } from './quarantine-site.entity';
import { SiteAssignmentEntity, type SiteAssignmentRow } from './site-assignment.entity';

/** Every site with room was taken by others between our look and our update this many times: give up for now. */
const MAX_CONTENDED_TRIES = 20;

/** An active site with a free place, in district $1 (any district when null). */
const SITE_WITH_ROOM = `active AND occupied < capacity AND ($1::text IS NULL OR district = $1::text)`;

export class NoCapacityError extends Error {
  constructor(readonly district: string | undefined) {
    super(district ? `no quarantine site in district '${district}' has a free place` : 'no quarantine site has a free place');
  }
}

export interface Placement {
  assignment: SiteAssignmentRow;
  site: QuarantineSiteRow;
}

async function placementOf(db: DataSource, assignment: SiteAssignmentRow): Promise<Placement> {
  return { assignment, site: await db.getRepository(QuarantineSiteEntity).findOneByOrFail({ id: assignment.siteId }) };
}

/** Takes a place (at the site with most room), or answers the place this key already holds. */
export async function takePlace(db: DataSource, idempotencyKey: string, caseId: string, subject: string, district?: string): Promise<Placement> {
  const assignments = db.getRepository(SiteAssignmentEntity);
  const held = await assignments.findOneBy({ idempotencyKey });
  if (held) return placementOf(db, held);
  for (let i = 0; i < MAX_CONTENDED_TRIES; i++) {
    let taken: { id: string }[];
    try {
      // One statement, so the site's row is locked for that statement only, not for a transaction's round
      // trips: under a wave of arrivals every case queues on the same few rows.
      taken = await db.query(
        `WITH taken AS (
           UPDATE quarantine_sites SET occupied = occupied + 1
           WHERE occupied < capacity AND id = (
             SELECT id FROM quarantine_sites
             WHERE ${SITE_WITH_ROOM}
             ORDER BY capacity - occupied DESC, id
             LIMIT 1)
           RETURNING id)
         INSERT INTO site_assignments (id, idempotency_key, case_id, site_id, subject)
         SELECT $2, $3, $4, taken.id, $5 FROM taken
         RETURNING id`,
        [district ?? null, randomUUID(), idempotencyKey, caseId, subject],
      );
    } catch (err) {
      // A concurrent attempt with the same key won; its place stands and our statement took none.
      if (!isUniqueViolation(err)) throw err;
      return placementOf(db, await assignments.findOneByOrFail({ idempotencyKey }));
    }
    if (taken.length) return placementOf(db, await assignments.findOneByOrFail({ id: taken[0].id }));
    const [{ room }]: { room: boolean }[] = await db.query(
      `SELECT EXISTS (SELECT 1 FROM quarantine_sites WHERE ${SITE_WITH_ROOM}) AS room`,
      [district ?? null],
    );
    if (!room) throw new NoCapacityError(district);
  }
  throw new NoCapacityError(district);
}

/** Gives the place back; a second release of the same assignment changes nothing. Undefined when there is no such assignment. */
export async function releasePlace(db: DataSource, assignmentId: string): Promise<{ siteId: string; released: boolean } | undefined> {
  const freed: { site_id: string }[] = await db.query(
    `WITH freed AS (
       UPDATE site_assignments SET released_at = now() WHERE id = $1 AND released_at IS NULL RETURNING site_id),
     site AS (
       UPDATE quarantine_sites s SET occupied = s.occupied - 1 FROM freed WHERE s.id = freed.site_id RETURNING s.id)
     SELECT freed.site_id FROM freed JOIN site ON site.id = freed.site_id`,
    [assignmentId],
  );
  if (freed.length) return { siteId: freed[0].site_id, released: true };
  const assignment = await db.getRepository(SiteAssignmentEntity).findOneBy({ id: assignmentId });
  return assignment ? { siteId: assignment.siteId, released: false } : undefined;
}
