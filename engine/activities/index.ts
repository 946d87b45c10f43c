/**
 * Every activity the worker registers. To add a kind of step: declare it in one
 * file with defineActivity and add it to this list (see the README).
 */
import type { ActivityDeclaration } from './define';
import { logActivity } from './builtin/log';

export const declaredActivities: ActivityDeclaration[] = [logActivity];
