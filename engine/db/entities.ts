import { AuditEntity } from '../audit/audit.entity';
import { CaseLogEntity } from '../caselog/case-log.entity';
import { DecisionEntity } from '../decisions/decision.entity';
import { DocumentEntity, DocumentVersionEntity } from '../documents/document.entity';
import { InstanceEntity } from '../instances/instance.entity';
import { TaskEntity } from '../tasks/task.entity';
import { domainEntities } from './domain-entities';

/** Every mapped table; the migrations, not TypeORM's synchronize, create them. */
export const entities = [DocumentEntity, DocumentVersionEntity, InstanceEntity, DecisionEntity, TaskEntity, CaseLogEntity, AuditEntity, ...domainEntities];
