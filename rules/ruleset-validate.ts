/**
 * Validation of a rule set definition at save: the schema first, then the checks a
 * schema cannot express. Every problem is returned at once, each with its path.
 */
import { z } from 'zod';
import { MAX_CONDITION_DEPTH, pathOf } from '../language';
import { paramTypeProblems } from './param-types';
import type { RuleProblem } from './rule-problem';
import { checkRuleSetParts, type RuleSetParts } from './ruleset-checks';
import { analyzeTable } from './table-analysis';
import {
  factsSchema,
  namedConditionsSchema,
  paramFactsSchema,
  ruleSchema,
  ruleSetSchema,
  tableColumnSchema,
  tableRowSchema,
  topLevelConditionSchema,
  type RuleSet,
} from './ruleset-schema';

export const RULESET_LIMITS = {
  bytes: 256 * 1024,
  rules: 500,
  rows: 500,
  conditionDepth: MAX_CONDITION_DEPTH,
  /** Raw JSON nesting, checked before the (recursive) schema parser sees the document. */
  jsonDepth: 64,
} as const;

type ZodIssue = z.ZodError['issues'][number];

export function validateRuleSet(input: unknown): RuleProblem[] {
  let json: string | undefined;
  try {
    json = JSON.stringify(input);
  } catch (err) {
    // V8 throws RangeError when the nesting overflows its stack; anything else (a cycle, a BigInt) is not JSON.
    return err instanceof RangeError
      ? [{ path: '', code: 'depth_exceeded', message: `nests deeper than ${RULESET_LIMITS.jsonDepth} levels` }]
      : [{ path: '', code: 'invalid_schema', message: 'is not a JSON document' }];
  }
  if (json === undefined) return [{ path: '', code: 'invalid_schema', message: 'is not a JSON document' }];
  const bytes = new TextEncoder().encode(json).length;
  // Past the byte limit nothing else is examined: the point of the limit is not to spend work on the document.
  if (bytes > RULESET_LIMITS.bytes) {
    return [{ path: '', code: 'too_large', message: `is ${bytes} bytes; the limit is ${RULESET_LIMITS.bytes}` }];
  }
  const tooDeep = firstTooDeep(input, RULESET_LIMITS.jsonDepth);
  if (tooDeep) return [{ path: pathOf(tooDeep), code: 'depth_exceeded', message: `nests deeper than ${RULESET_LIMITS.jsonDepth} levels` }];

  const problems = countProblems(input);
  const parsed = ruleSetSchema.safeParse(input);
  if (parsed.success) {
    const found = [...problems, ...checkRuleSetParts(partsOf(parsed.data)), ...paramTypeProblems(parsed.data)];
    // The analysis reads a table that is otherwise sound: its facts declared, its rows the right size.
    if (found.length > 0 || parsed.data.kind !== 'table') return found;
    return analyzeTable(parsed.data.table, parsed.data.facts).errors;
  }
  return [...problems, ...schemaProblems(parsed.error.issues, []), ...checkRuleSetParts(salvage(input))];
}

function countProblems(input: unknown): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const rules = isRecord(input) ? input.rules : undefined;
  if (Array.isArray(rules) && rules.length > RULESET_LIMITS.rules) {
    problems.push({ path: 'rules', code: 'too_large', message: `has ${rules.length} rules; the limit is ${RULESET_LIMITS.rules}` });
  }
  const rows = isRecord(input) && isRecord(input.table) ? input.table.rows : undefined;
  if (Array.isArray(rows) && rows.length > RULESET_LIMITS.rows) {
    problems.push({ path: 'table/rows', code: 'too_large', message: `has ${rows.length} rows; the limit is ${RULESET_LIMITS.rows}` });
  }
  return problems;
}

/** Zod issues, one problem each; a union failure reports its closest branch rather than "Invalid input". */
function schemaProblems(issues: readonly ZodIssue[], base: readonly PropertyKey[]): RuleProblem[] {
  return issues.flatMap((issue) => {
    const at = [...base, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) return schemaProblems(closestBranch(issue.errors), at);
    return [{ path: pathOf(at), code: 'invalid_schema' as const, message: issue.message }];
  });
}

/** The branch that got furthest into the input (deepest issue path), then the one with fewest issues. */
function closestBranch(branches: ZodIssue[][]): ZodIssue[] {
  const depth = (b: ZodIssue[]) => Math.max(...b.map((i) => i.path.length));
  return branches.reduce((best, b) => (depth(b) > depth(best) || (depth(b) === depth(best) && b.length < best.length) ? b : best));
}

function partsOf(def: RuleSet): RuleSetParts {
  const conditions = Object.entries(def.conditions ?? {}).map(([name, condition]) => ({ name, condition }));
  return {
    facts: def.facts,
    paramFacts: def.paramFacts ?? [],
    conditionNames: new Set(conditions.map((c) => c.name)),
    conditions,
    rules: def.kind === 'rules' ? def.rules.map((r, index) => ({ index, conditions: r.conditions, params: r.event.params })) : [],
    table:
      def.kind === 'table'
        ? {
            columnCount: def.table.columns.length,
            columns: def.table.columns.map((column, index) => ({ index, column })),
            rows: def.table.rows.map((row, index) => ({ index, row })),
          }
        : undefined,
  };
}

/** The parts of an invalid document that parse on their own, so their problems are reported in the same answer. */
function salvage(input: unknown): RuleSetParts {
  const raw = isRecord(input) ? input : {};
  const rawConditions = isRecord(raw.conditions) ? raw.conditions : {};
  const conditions = Object.entries(rawConditions).flatMap(([name, c]) => {
    const parsed = topLevelConditionSchema.safeParse(c);
    return parsed.success && namedConditionsSchema.safeParse({ [name]: c }).success ? [{ name, condition: parsed.data }] : [];
  });
  const rules = (Array.isArray(raw.rules) ? raw.rules : []).flatMap((r, index) => {
    const parsed = ruleSchema.safeParse(r);
    return parsed.success ? [{ index, conditions: parsed.data.conditions, params: parsed.data.event.params }] : [];
  });
  const table = isRecord(raw.table) && Array.isArray(raw.table.columns) ? raw.table : undefined;
  return {
    facts: factsSchema.safeParse(raw.facts).data,
    paramFacts: raw.paramFacts === undefined ? [] : paramFactsSchema.safeParse(raw.paramFacts).data,
    conditionNames: new Set(Object.keys(rawConditions)),
    conditions,
    rules,
    table: table && {
      columnCount: (table.columns as unknown[]).length,
      columns: parsedEach(table.columns as unknown[], tableColumnSchema).map(([index, column]) => ({ index, column })),
      rows: parsedEach(Array.isArray(table.rows) ? table.rows : [], tableRowSchema).map(([index, row]) => ({ index, row })),
    },
  };
}

function parsedEach<T>(items: unknown[], schema: z.ZodType<T>): [number, T][] {
  return items.flatMap((item, i): [number, T][] => {
    const parsed = schema.safeParse(item);
    return parsed.success ? [[i, parsed.data]] : [];
  });
}

/** The path to the first value nested deeper than `limit`, found without recursion. */
function firstTooDeep(input: unknown, limit: number): PropertyKey[] | undefined {
  const stack: { value: unknown; at: PropertyKey[] }[] = [{ value: input, at: [] }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    if (typeof item.value !== 'object' || item.value === null) continue;
    if (item.at.length >= limit) return item.at;
    for (const [k, v] of Object.entries(item.value)) stack.push({ value: v, at: [...item.at, Array.isArray(item.value) ? Number(k) : k] });
  }
  return undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
