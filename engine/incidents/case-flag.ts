/**
 * Keeps the case projection's has_incident (migration 0011) true while the case has an incident
 * not yet resolved, so the case list can filter on it. Recomputed from the incidents table, not
 * toggled, so writing it twice or out of order gives the same answer.
 */
import type { DataSource, EntityManager } from 'typeorm';

export async function refreshIncidentFlag(db: DataSource | EntityManager, caseId: string): Promise<void> {
  await db.query(
    `UPDATE case_projection SET has_incident = EXISTS (SELECT 1 FROM incidents WHERE case_id = $1 AND status <> 'resolved'), updated_at = now()
     WHERE case_id = $1`,
    [caseId],
  );
}

/** Closes a case's unresolved incidents when the case ends without their resolution (cancelled, terminated). */
export async function closeIncidentsOf(db: DataSource, caseId: string): Promise<void> {
  await db.transaction(async (m) => {
    await m.query(`UPDATE incidents SET status = 'resolved', action = 'case_ended', resolved_at = now() WHERE case_id = $1 AND status <> 'resolved'`, [caseId]);
    await refreshIncidentFlag(m, caseId);
  });
}
