import { EntitySchema } from 'typeorm';

export const TEST_RESULTS = ['negative', 'positive', 'invalid'] as const;
export type TestResult = (typeof TEST_RESULTS)[number];

/** A nucleic-acid test of a person or a cold-chain batch: booked, then resulted. */
export interface LabTestRow {
  id: string;
  idempotencyKey: string;
  caseId: string;
  /** An opaque person id or a batch id: never an ID number. */
  subject: string;
  kind: string;
  labRef: string | null;
  dueAt: Date;
  status: 'scheduled' | 'resulted';
  result: TestResult | null;
  resultedAt: Date | null;
  createdAt: Date;
}

export const LabTestEntity = new EntitySchema<LabTestRow>({
  name: 'LabTest',
  tableName: 'lab_tests',
  columns: {
    id: { type: 'uuid', primary: true },
    idempotencyKey: { type: 'text', name: 'idempotency_key' },
    caseId: { type: 'text', name: 'case_id' },
    subject: { type: 'text' },
    kind: { type: 'text' },
    labRef: { type: 'text', name: 'lab_ref', nullable: true },
    dueAt: { type: 'timestamptz', name: 'due_at' },
    status: { type: 'text' },
    result: { type: 'text', nullable: true },
    resultedAt: { type: 'timestamptz', name: 'resulted_at', nullable: true },
    createdAt: { type: 'timestamptz', name: 'created_at', createDate: true },
  },
});
