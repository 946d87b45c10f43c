/**
 * The operators a rule set is evaluated with, as json-rules-engine registers them for our
 * rule sets: its ten built-ins with its own semantics, then the domain's operators.
 * The built-ins are not language/'s coreOperators: a fact that parseFloat reads as a number
 * (a numeric string, a one-element list) passes the numeric ones, `in` on a string value
 * searches the string, and a value that has no indexOf throws. Recorded decisions were made
 * with these semantics, so the compiled evaluator keeps them (the differential test holds
 * both to the same results). Pure, so the browser and table analysis can use them too.
 */
import { domainOperators, type OperatorFn } from '../../language/operators';

interface Searchable {
  indexOf(x: unknown): number;
}

/** json-rules-engine checks only the fact side of the numeric operators, through parseFloat. */
function numeric(v: unknown): boolean {
  return Number.parseFloat(v as string).toString() !== 'NaN';
}

/** Throws a TypeError, as the library does, when `list` is null or has no indexOf. */
const indexIn = (list: unknown, x: unknown): number => (list as Searchable).indexOf(x);

/** Named as language/'s coreOperators (a unit test holds the two lists equal). */
const builtIns: Record<string, OperatorFn> = {
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  in: (a, b) => indexIn(b, a) > -1,
  notIn: (a, b) => indexIn(b, a) === -1,
  contains: (a, b) => Array.isArray(a) && a.indexOf(b) > -1,
  doesNotContain: (a, b) => Array.isArray(a) && a.indexOf(b) === -1,
  lessThan: (a, b) => numeric(a) && (a as number) < (b as number),
  lessThanInclusive: (a, b) => numeric(a) && (a as number) <= (b as number),
  greaterThan: (a, b) => numeric(a) && (a as number) > (b as number),
  greaterThanInclusive: (a, b) => numeric(a) && (a as number) >= (b as number),
};

/** Every operator a rule set condition or table column may name, by name. */
export const ruleOperators: Readonly<Record<string, OperatorFn>> = Object.freeze({ ...builtIns, ...domainOperators });

/** The operator registered under `name`; undefined for a name nobody registered. */
export function ruleOperator(name: string): OperatorFn | undefined {
  return Object.prototype.hasOwnProperty.call(ruleOperators, name) ? ruleOperators[name] : undefined;
}
