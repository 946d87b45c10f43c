import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The duty roster (engine/duty): who is on duty for an org unit, from when to when, as the unit's
 * leader on duty (带班领导) or staff on duty (值班人员). Escalations that name a unit's duty go to
 * whoever a shift covers at the moment they are sent. Shifts of one role in one unit may not
 * overlap; the service checks that under a per-unit lock (an exclusion constraint would need
 * btree_gist, which the embedded database cannot install).
 */
export class DutyRoster1765900000000 implements MigrationInterface {
  name = 'DutyRoster1765900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE duty_shifts (
        id uuid PRIMARY KEY,
        org_unit text NOT NULL REFERENCES org_units (id),
        username text NOT NULL REFERENCES users (username) ON UPDATE CASCADE,
        role text NOT NULL CHECK (role IN ('leader', 'staff')),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        note text NOT NULL DEFAULT '',
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at)
      )`);
    // "Who is on duty at t" and "the roster of a period" are both a range of one unit's shifts by start.
    await q.query(`CREATE INDEX duty_shifts_unit_start ON duty_shifts (org_unit, starts_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE duty_shifts`);
  }
}
