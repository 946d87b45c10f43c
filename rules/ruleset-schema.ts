/**
 * The rule set definition language: a list of json-rules-engine rules or a decision
 * table, with the facts it reads declared up front. No Node-only imports: the editor
 * renders forms from this schema in the browser.
 */
import { z } from 'zod';
import type { Condition, FactCondition } from './condition';
import { conditionSchema } from './condition-schema';
import { identifier, localizedText, resourceKey, variableName } from '../workflows/definition/schema';

export const factTypes = ['string', 'number', 'boolean', 'array', 'object', 'datetime'] as const;
export type FactType = (typeof factTypes)[number];

/** Whether a JSON value fits a declared fact type (datetime: ISO string or epoch ms). */
function fitsFactType(type: FactType, v: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof v === 'string';
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'array':
      return Array.isArray(v);
    case 'object':
      return typeof v === 'object' && v !== null && !Array.isArray(v);
    case 'datetime':
      return (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && !Number.isNaN(Date.parse(v)));
  }
}

export const factDeclarationSchema = z
  .object({
    type: z.enum(factTypes),
    description: z.string().max(2000).optional(),
    default: z.json().optional(),
    enum: z.array(z.union([z.string(), z.number()])).min(1).max(500).optional(),
  })
  .strict()
  .superRefine((decl, ctx) => {
    decl.enum?.forEach((v, i) => {
      if (!fitsFactType(decl.type, v)) ctx.addIssue({ code: 'custom', path: ['enum', i], message: `is not a ${decl.type}` });
    });
    if (decl.default === undefined) return;
    if (!fitsFactType(decl.type, decl.default)) {
      ctx.addIssue({ code: 'custom', path: ['default'], message: `is not a ${decl.type}` });
    } else if (decl.enum && !decl.enum.some((v) => v === decl.default)) {
      ctx.addIssue({ code: 'custom', path: ['default'], message: 'is not one of the enum values' });
    }
  });
export type FactDeclaration = z.infer<typeof factDeclarationSchema>;

export const factsSchema = z.record(variableName, factDeclarationSchema);

/** `{fact, path?}` in event params: replaced by that fact's value when the event fires. */
export const factReferenceSchema = z.object({ fact: variableName, path: z.string().max(200).optional() }).strict();
export type FactReference = z.infer<typeof factReferenceSchema>;

/** json-rules-engine reads any object with an own `fact` key as a reference, so such an object must be exactly one. */
export function looksLikeFactReference(v: unknown): v is { fact: unknown } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, 'fact');
}

const paramValue = z.union([
  factReferenceSchema,
  z.json().refine((v) => !looksLikeFactReference(v), 'an object with "fact" is a fact reference and takes only fact and path'),
]);
export const eventParamsSchema = z.record(z.string().min(1).max(100), paramValue);
export type EventParams = z.infer<typeof eventParamsSchema>;

/** Conditions a rule or a named condition starts with (json-rules-engine rejects a bare fact condition there). */
export type TopLevelCondition = Exclude<Condition, FactCondition>;
export const topLevelConditionSchema = conditionSchema.refine(
  (c) => !('fact' in c),
  'must start with all, any, not or condition',
) as z.ZodType<TopLevelCondition>;

export const ruleSchema = z
  .object({
    name: z.string().min(1).max(100).optional(),
    /** Higher runs first; json-rules-engine requires a positive integer. */
    priority: z.number().int().min(1).max(10_000).optional(),
    conditions: topLevelConditionSchema,
    event: z.object({ type: z.string().min(1).max(100), params: eventParamsSchema.optional() }).strict(),
  })
  .strict();
export type Rule = z.infer<typeof ruleSchema>;

export const tableColumnSchema = z
  .object({
    fact: variableName,
    operator: z.string().min(1).max(50),
    path: z.string().max(200).optional(),
    label: localizedText.optional(),
  })
  .strict();
export type TableColumn = z.infer<typeof tableColumnSchema>;

export const tableRowSchema = z
  .object({
    id: identifier.optional(),
    /** One cell per column; null matches anything. */
    cells: z.array(z.json().nullable()),
    outcome: z.string().min(1).max(100),
    params: eventParamsSchema.optional(),
    priority: z.number().int().min(1).max(10_000).optional(),
  })
  .strict();
export type TableRow = z.infer<typeof tableRowSchema>;

export const hitPolicies = ['first', 'priority', 'collect'] as const;
export type HitPolicy = (typeof hitPolicies)[number];

export const decisionTableSchema = z
  .object({
    hitPolicy: z.enum(hitPolicies),
    columns: z.array(tableColumnSchema).min(1).max(50),
    // Row and rule counts are limited by the validator (code too_large), not here.
    rows: z.array(tableRowSchema).min(1),
  })
  .strict();
export type DecisionTable = z.infer<typeof decisionTableSchema>;

export const namedConditionsSchema = z.record(identifier, topLevelConditionSchema);
export const paramFactsSchema = z.array(variableName).max(200);

const ruleSetBase = {
  key: resourceKey,
  name: localizedText,
  description: z.string().max(2000).optional(),
  facts: factsSchema,
  /** The facts event params may reference; any other reference is rejected. */
  paramFacts: paramFactsSchema.optional(),
  /** Shared conditions, referenced from rules as {condition: name}. */
  conditions: namedConditionsSchema.optional(),
};

export const rulesRuleSetSchema = z.object({ ...ruleSetBase, kind: z.literal('rules'), rules: z.array(ruleSchema).min(1) }).strict();
export const tableRuleSetSchema = z.object({ ...ruleSetBase, kind: z.literal('table'), table: decisionTableSchema }).strict();

export const ruleSetSchema = z.discriminatedUnion('kind', [rulesRuleSetSchema, tableRuleSetSchema]);
export type RuleSet = z.infer<typeof ruleSetSchema>;
export type RulesRuleSet = z.infer<typeof rulesRuleSetSchema>;
export type TableRuleSet = z.infer<typeof tableRuleSetSchema>;
