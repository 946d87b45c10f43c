import { TraceCodeEntity } from '../coldchain/trace-code.entity';
import { EscalationEntity } from '../escalations/escalation.entity';
import { NoticeDeliveryEntity } from '../notices/notice-delivery.entity';
import { NoticeEntity } from '../notices/notice.entity';
import { PersonEntity } from '../persons/person.entity';
import { RegistrationEntity } from '../persons/registration.entity';
import { QuarantineSiteEntity } from '../quarantine/quarantine-site.entity';
import { SiteAssignmentEntity } from '../quarantine/site-assignment.entity';
import { ReleaseRecordEntity } from '../releases/release-record.entity';
import { DocumentCheckEntity } from '../testing/document-check.entity';
import { LabTestEntity } from '../testing/lab-test.entity';

/** The tables of the domain activities (migration 0002). */
export const domainEntities = [
  PersonEntity,
  RegistrationEntity,
  DocumentCheckEntity,
  LabTestEntity,
  QuarantineSiteEntity,
  SiteAssignmentEntity,
  NoticeEntity,
  NoticeDeliveryEntity,
  EscalationEntity,
  ReleaseRecordEntity,
  TraceCodeEntity,
];
