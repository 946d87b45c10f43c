/**
 * The names processes and rule sets are written with: ids of nodes, edges, events and
 * table rows; keys of documents; names of variables and facts. zod schemas (the workflow
 * bundle does not import this file).
 */
import { z } from 'zod';

/** An id inside a document (a node, an edge, an event, a named condition, a table row). */
export const identifier = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'must start with a letter and use only letters, digits, _ and - (at most 64)');

/** A process or rule set key: lower-case, URL-safe. */
export const resourceKey = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,62}$/, 'must be 2-63 lower-case letters, digits or -, starting with a letter');

/** A variable name in the case data (top-level), which is also the name of a fact. */
export const variableName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'must be a valid variable name')
  .refine((v) => !['__proto__', 'constructor', 'prototype'].includes(v), 'is a reserved name');
