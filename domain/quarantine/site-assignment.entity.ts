import { EntitySchema } from 'typeorm';

/** One place at a site held for one case; released once, when the case leaves. */
export interface SiteAssignmentRow {
  id: string;
  idempotencyKey: string;
  caseId: string;
  siteId: string;
  subject: string;
  assignedAt: Date;
  releasedAt: Date | null;
}

export const SiteAssignmentEntity = new EntitySchema<SiteAssignmentRow>({
  name: 'SiteAssignment',
  tableName: 'site_assignments',
  columns: {
    id: { type: 'uuid', primary: true },
    idempotencyKey: { type: 'text', name: 'idempotency_key' },
    caseId: { type: 'text', name: 'case_id' },
    siteId: { type: 'text', name: 'site_id' },
    subject: { type: 'text' },
    assignedAt: { type: 'timestamptz', name: 'assigned_at', createDate: true },
    releasedAt: { type: 'timestamptz', name: 'released_at', nullable: true },
  },
});
