/**
 * This process's Prometheus metrics (prom-client): the engine's own, and Node's (CPU, memory,
 * event loop lag). Labels hold route paths, process and rule-set keys and outcomes: never a
 * case id, a person or anything typed into a case.
 */
import { collectDefaultMetrics, Registry } from 'prom-client';

export const registry = new Registry();
collectDefaultMetrics({ register: registry });
