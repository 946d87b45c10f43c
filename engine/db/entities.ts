import { AuditEntity } from '../audit/audit.entity';
import { CaseLogEntity } from '../caselog/case-log.entity';
import { DecisionEntity } from '../decisions/decision.entity';
import { DocumentEntity, DocumentVersionEntity } from '../documents/document.entity';
import { CaseEntity } from '../cases/case.entity';
import { IncidentEntity } from '../incidents/incident.entity';
import { NoticeDeliveryEntity } from '../notices/notice-delivery.entity';
import { NoticeEntity } from '../notices/notice.entity';
import { OrgUnitEntity } from '../orgunits/org-unit.entity';
import { TaskEntity } from '../tasks/task.entity';

/** The platform's mapped tables (a domain maps its own); the migrations, not TypeORM's synchronize, create them. */
export const platformEntities = [DocumentEntity, DocumentVersionEntity, CaseEntity, DecisionEntity, TaskEntity, IncidentEntity, CaseLogEntity, AuditEntity, NoticeEntity, NoticeDeliveryEntity, OrgUnitEntity];
