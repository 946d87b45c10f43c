import type { NodeType } from './schema';

/** Kinds of node the case waits in: a loop needs one, and a migration may only move a case waiting in one. */
export const WAIT_NODE_TYPES: readonly NodeType[] = ['timer', 'event', 'task'];

/**
 * Kinds whose step waits on something the history records (a timer, a signal, an
 * activity, a child), so the workflow task ends there: a loop through one cannot spin.
 */
export const DURABLE_NODE_TYPES: readonly NodeType[] = [...WAIT_NODE_TYPES, 'activity', 'decision', 'subprocess'];
