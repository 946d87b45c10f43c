import { TraceCodeEntity } from './coldchain/trace-code.entity';
import { EscalationEntity } from './escalations/escalation.entity';
import { PersonEntity } from './persons/person.entity';
import { RegistrationEntity } from './persons/registration.entity';
import { QuarantineSiteEntity } from './quarantine/quarantine-site.entity';
import { SiteAssignmentEntity } from './quarantine/site-assignment.entity';
import { ReleaseRecordEntity } from './releases/release-record.entity';
import { DocumentCheckEntity } from './screening/document-check.entity';
import { LabTestEntity } from './testing/lab-test.entity';

/** The tables of the domain's activities (migrations 0002 and 0005). */
export const epidemicEntities = [
  PersonEntity,
  RegistrationEntity,
  DocumentCheckEntity,
  LabTestEntity,
  QuarantineSiteEntity,
  SiteAssignmentEntity,
  EscalationEntity,
  ReleaseRecordEntity,
  TraceCodeEntity,
];
