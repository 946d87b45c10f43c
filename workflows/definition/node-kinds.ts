import type { NodeType } from './schema';

/** Kinds of node the case waits in: a loop needs one, and a migration may only move a case waiting in one. */
export const WAIT_NODE_TYPES: readonly NodeType[] = ['timer', 'event', 'task'];
