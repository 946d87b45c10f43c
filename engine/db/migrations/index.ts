import { Initial1764300000000 } from './0001-initial';
import { Consistency1764500000000 } from './0003-consistency';
import { CaseNames1764600000000 } from './0004-case-names';
import { Accounts1764700000000 } from './0006-accounts';
import { OrgUnits1764800000000 } from './0007-org-units';
import { AuditChain1764900000000 } from './0008-audit-chain';
import { NoticeOutbox1765000000000 } from './0009-notice-outbox';
import { ScheduledVersions1765100000000 } from './0010-scheduled-versions';
import { CaseProjection1765200000000 } from './0011-case-projection';
import { Incidents1765300000000 } from './0012-incidents';
import { TaskInbox1765400000000 } from './0013-task-inbox';
import { TaskLadders1765500000000 } from './0014-task-ladders';
import { BulkJobs1765600000000 } from './0015-bulk-jobs';
import { HeatmapByNode1765700000000 } from './0016-heatmap-by-node';
import { CaseErrors1765800000000 } from './0017-case-errors';
import { TaskForms1766100000000 } from './0020-task-forms';
import { DutyRoster1765900000000 } from './0018-duty-roster';
import { LinkedCases1766400000000 } from './0023-linked-cases';
import { BulkReasonCodes1766500000000 } from './0024-bulk-reason-codes';
import { VisitSteps1766600000000 } from './0025-visit-steps';

/**
 * The platform's migrations. A domain brings its own (0002 and 0005 now live with it; 0002 also
 * created the notice outbox's tables, which 0009 makes sure of); TypeORM orders them all by the timestamp in their
 * class names and runs the ones not yet recorded, at start.
 */
export const platformMigrations = [Initial1764300000000, Consistency1764500000000, CaseNames1764600000000, Accounts1764700000000, OrgUnits1764800000000, AuditChain1764900000000, NoticeOutbox1765000000000, ScheduledVersions1765100000000, CaseProjection1765200000000, Incidents1765300000000, TaskInbox1765400000000, TaskLadders1765500000000, BulkJobs1765600000000, HeatmapByNode1765700000000, CaseErrors1765800000000, DutyRoster1765900000000, TaskForms1766100000000, LinkedCases1766400000000, BulkReasonCodes1766500000000, VisitSteps1766600000000];
