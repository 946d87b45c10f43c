/**
 * The rule set definition language: a list of json-rules-engine rules or a decision
 * table, with the facts it reads declared up front. No Node-only imports: the editor
 * renders forms from this schema in the browser.
 */
import { z } from 'zod';
import { conditionSchema, identifier, localizedDescription, localizedText, looksLikeFactReference, resourceKey, variableName, type Condition, type FactCondition } from '../language';

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
    description: localizedDescription.optional(),
    default: z.json().optional(),
    enum: z.array(z.union([z.string(), z.number()])).min(1).max(500).optional(),
    /** What the editor calls the fact, in both languages. */
    label: localizedText.optional(),
    /** What the editor shows for each enum value, keyed by the value. */
    enumLabels: z.record(z.string().min(1).max(100), localizedText).optional(),
    /**
     * How many values the policy foresees in all, when the enum lists fewer so far (the seed's
     * 46 categories of key groups): the editor shows "N of enumTotal defined".
     */
    enumTotal: z.number().int().min(1).max(10_000).optional(),
  })
  .strict()
  .superRefine((decl, ctx) => {
    decl.enum?.forEach((v, i) => {
      if (!fitsFactType(decl.type, v)) ctx.addIssue({ code: 'custom', path: ['enum', i], message: `is not a ${decl.type}` });
    });
    for (const value of Object.keys(decl.enumLabels ?? {})) {
      if (!decl.enum?.some((v) => String(v) === value)) ctx.addIssue({ code: 'custom', path: ['enumLabels', value], message: 'labels a value the enum does not list' });
    }
    if (decl.enumTotal !== undefined && !decl.enum) ctx.addIssue({ code: 'custom', path: ['enumTotal'], message: 'counts enum values, but the fact has no enum' });
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

const paramValue = z.union([
  factReferenceSchema,
  z.json().refine((v) => !looksLikeFactReference(v), 'an object with "fact" is a fact reference and takes only fact and path'),
]);
export const eventParamsSchema = z.record(z.string().min(1).max(100), paramValue);
export type EventParams = z.infer<typeof eventParamsSchema>;

/**
 * What an outcome's param is, declared once per rule set so an administrator edits a labelled,
 * typed field instead of JSON: `days` a whole number, `testDays` a list of day numbers, a deadline a
 * duration. A duration may be derived from a number param (`quarantineDuration` from `days`, as
 * days; `resultDeadline` from `resultHours`, as hours): the editor computes it and the validator
 * refuses one that says another length, so each length is typed once (rules/param-types.ts).
 */
export const paramValueTypes = ['integer', 'number', 'string', 'boolean', 'duration', 'dayList', 'list'] as const;
export type ParamType = (typeof paramValueTypes)[number];
export const derivedUnits = ['days', 'hours'] as const;

export const paramDeclarationSchema = z
  .object({
    type: z.enum(paramValueTypes),
    label: localizedText,
    min: z.number().optional(),
    max: z.number().optional(),
    /** The values a string (or each of a list's items) may take, e.g. the bodies a case escalates to. */
    enum: z.array(z.string().min(1).max(100)).min(1).max(200).optional(),
    enumLabels: z.record(z.string().min(1).max(100), localizedText).optional(),
    derive: z.object({ from: z.string().min(1).max(100), unit: z.enum(derivedUnits) }).strict().optional(),
  })
  .strict()
  .superRefine((decl, ctx) => {
    const numeric = decl.type === 'integer' || decl.type === 'number';
    if (!numeric && (decl.min !== undefined || decl.max !== undefined)) ctx.addIssue({ code: 'custom', path: ['min'], message: `bounds a number, but the param is a ${decl.type}` });
    if (decl.min !== undefined && decl.max !== undefined && decl.min > decl.max) ctx.addIssue({ code: 'custom', path: ['max'], message: 'is below min' });
    if (decl.enum && decl.type !== 'string' && decl.type !== 'list') ctx.addIssue({ code: 'custom', path: ['enum'], message: `lists values of a string or a list, but the param is a ${decl.type}` });
    for (const value of Object.keys(decl.enumLabels ?? {})) {
      if (!decl.enum?.includes(value)) ctx.addIssue({ code: 'custom', path: ['enumLabels', value], message: 'labels a value the enum does not list' });
    }
    if (decl.derive && decl.type !== 'duration') ctx.addIssue({ code: 'custom', path: ['derive'], message: `derives a duration, but the param is a ${decl.type}` });
  });
export type ParamDeclaration = z.infer<typeof paramDeclarationSchema>;
export const paramTypesSchema = z.record(z.string().min(1).max(100), paramDeclarationSchema);

/** Conditions a rule or a named condition starts with (json-rules-engine rejects a bare fact condition there). */
export type TopLevelCondition = Exclude<Condition, FactCondition>;
export const topLevelConditionSchema = conditionSchema.refine(
  (c) => !('fact' in c),
  'must start with all, any, not or condition',
) as z.ZodType<TopLevelCondition>;

export const ruleSchema = z
  .object({
    name: z.string().min(1).max(100).optional(),
    /** What the editor and a decision's explanation call the rule, in both languages. */
    label: localizedText.optional(),
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
    /** What the editor calls the row, in both languages. */
    label: localizedText.optional(),
    /** One cell per column; null matches anything. */
    cells: z.array(z.json().nullable()),
    outcome: z.string().min(1).max(100),
    params: eventParamsSchema.optional(),
    priority: z.number().int().min(1).max(10_000).optional(),
  })
  .strict();
export type TableRow = z.infer<typeof tableRowSchema>;

/**
 * How a table's matching rows decide: `first` the earliest row, `priority` the rows of the highest
 * row priority, `collect` every row; and as in DMN 1.3, `unique` at most one row may match and
 * `any` rows that match must agree on outcome and params (else the evaluation fails).
 */
export const hitPolicies = ['first', 'priority', 'collect', 'unique', 'any'] as const;
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

/**
 * A rule test: facts and what the rule set must decide on them, e.g. "a positive test always goes
 * to hospital". Each part of `expect` that is given must hold: the outcome (the first event's type,
 * null for none), the first event's params named (others may differ), and the events in order
 * (each one's params as far as given). Tests run on every draft save and guard every publish.
 */
export const ruleTestSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    facts: z.record(z.string().min(1).max(100), z.json()),
    expect: z
      .object({
        outcome: z.string().min(1).max(100).nullable().optional(),
        params: z.record(z.string().min(1).max(100), z.json()).optional(),
        events: z.array(z.object({ type: z.string().min(1).max(100), params: z.record(z.string().min(1).max(100), z.json()).optional() }).strict()).max(100).optional(),
      })
      .strict()
      .refine((e) => e.outcome !== undefined || e.params !== undefined || e.events !== undefined, 'expects nothing: give an outcome, params or events'),
  })
  .strict();
export type RuleTest = z.infer<typeof ruleTestSchema>;

export const ruleTestsSchema = z
  .array(ruleTestSchema)
  .max(200)
  .superRefine((tests, ctx) => {
    const seen = new Set<string>();
    tests.forEach((t, i) => {
      if (seen.has(t.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `another test is named '${t.name}'` });
      seen.add(t.name);
    });
  });

const ruleSetBase = {
  key: resourceKey,
  name: localizedText,
  description: localizedDescription.optional(),
  facts: factsSchema,
  /** The facts event params may reference; any other reference is rejected. */
  paramFacts: paramFactsSchema.optional(),
  /** The params outcomes carry, typed and labelled; params not declared here stay free JSON. */
  paramTypes: paramTypesSchema.optional(),
  /** Shared conditions, referenced from rules as {condition: name}. */
  conditions: namedConditionsSchema.optional(),
  /** Stored with the rule set, so each version carries the tests it was published against. */
  tests: ruleTestsSchema.optional(),
};

export const rulesRuleSetSchema = z.object({ ...ruleSetBase, kind: z.literal('rules'), rules: z.array(ruleSchema).min(1) }).strict();
export const tableRuleSetSchema = z.object({ ...ruleSetBase, kind: z.literal('table'), table: decisionTableSchema }).strict();

export const ruleSetSchema = z.discriminatedUnion('kind', [rulesRuleSetSchema, tableRuleSetSchema]);
export type RuleSet = z.infer<typeof ruleSetSchema>;
export type RulesRuleSet = z.infer<typeof rulesRuleSetSchema>;
export type TableRuleSet = z.infer<typeof tableRuleSetSchema>;
