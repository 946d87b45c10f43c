/**
 * Every activity the worker registers. To add a kind of step: declare it in one
 * file with defineActivity and add it to this list (see the README).
 */
import type { ActivityDeclaration } from './define';
import { logActivity } from './builtin/log';
import { assignQuarantineSiteActivity } from './domain/assign-quarantine-site';
import { assignTraceCodeActivity } from './domain/assign-trace-code';
import { checkDocumentsActivity } from './domain/check-documents';
import { escalateActivity } from './domain/escalate';
import { httpRequestActivity } from './domain/http-request';
import { issueReleaseRecordActivity } from './domain/issue-release-record';
import { notifyActivity } from './domain/notify';
import { recordTestResultActivity } from './domain/record-test-result';
import { registerArrivalActivity } from './domain/register-arrival';
import { registerPersonActivity } from './domain/register-person';
import { releaseSiteActivity } from './domain/release-site';
import { scheduleTestActivity } from './domain/schedule-test';

export const declaredActivities: ActivityDeclaration[] = [
  logActivity,
  registerArrivalActivity,
  registerPersonActivity,
  checkDocumentsActivity,
  scheduleTestActivity,
  recordTestResultActivity,
  assignQuarantineSiteActivity,
  releaseSiteActivity,
  notifyActivity,
  escalateActivity,
  issueReleaseRecordActivity,
  assignTraceCodeActivity,
  httpRequestActivity,
];
