import { EntitySchema } from 'typeorm';
import type { DocumentFindings, HealthCode, Risk } from './health-code-system';

/** What a document check found (health code, itinerary, test report), and which system answered. */
export interface DocumentCheckRow {
  id: string;
  idempotencyKey: string;
  caseId: string;
  personId: string;
  source: string;
  healthCode: HealthCode;
  itineraryRisk: Risk;
  testResult: DocumentFindings['testResult'];
  testAgeHours: number;
  checkedAt: Date;
}

export const DocumentCheckEntity = new EntitySchema<DocumentCheckRow>({
  name: 'DocumentCheck',
  tableName: 'document_checks',
  columns: {
    id: { type: 'uuid', primary: true },
    idempotencyKey: { type: 'text', name: 'idempotency_key' },
    caseId: { type: 'text', name: 'case_id' },
    personId: { type: 'uuid', name: 'person_id' },
    source: { type: 'text' },
    healthCode: { type: 'text', name: 'health_code' },
    itineraryRisk: { type: 'text', name: 'itinerary_risk' },
    testResult: { type: 'text', name: 'test_result' },
    testAgeHours: { type: 'double precision', name: 'test_age_hours' },
    checkedAt: { type: 'timestamptz', name: 'checked_at', createDate: true },
  },
});
