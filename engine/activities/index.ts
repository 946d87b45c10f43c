/**
 * The platform's own activities, which every process may use whatever the domain: a line in the
 * case's log, a notice through the outbox, a call to an allowed HTTP host. A domain brings its
 * activities in its module (engine/domain-module.ts); the worker registers both (see the README).
 */
import { httpRequestActivity } from './builtin/http-request';
import { logActivity } from './builtin/log';
import { notifyActivity } from './builtin/notify';
import type { ActivityDeclaration } from './define';

export const builtinActivities: readonly ActivityDeclaration[] = [logActivity, notifyActivity, httpRequestActivity];
