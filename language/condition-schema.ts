/** The zod schema of a condition (json-rules-engine's JSON format), for the API and the editor. */
import { z } from 'zod';
import type { Condition } from './condition';

/** A value in a condition may reference another fact: {fact: "x"} (json-rules-engine semantics). */
const factCondition = z
  .object({
    fact: z.string().min(1).max(100),
    operator: z.string().min(1).max(50),
    value: z.unknown(),
    path: z.string().max(200).optional(),
    params: z.record(z.string(), z.unknown()).optional(),
    name: z.string().optional(),
    priority: z.number().optional(),
  })
  .strict();

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(conditionSchema).min(1).max(100), name: z.string().optional(), priority: z.number().optional() }).strict(),
    z.object({ any: z.array(conditionSchema).min(1).max(100), name: z.string().optional(), priority: z.number().optional() }).strict(),
    z.object({ not: conditionSchema, name: z.string().optional(), priority: z.number().optional() }).strict(),
    z.object({ condition: z.string().min(1), name: z.string().optional(), priority: z.number().optional() }).strict(),
    factCondition,
  ]),
) as z.ZodType<Condition>;
