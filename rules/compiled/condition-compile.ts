/**
 * A condition tree compiled into closures with json-rules-engine's evaluation order:
 * siblings run in groups by priority (highest first); every condition of a group is
 * evaluated, and a later group only when the earlier ones have not decided the result.
 * Named conditions are expanded where they are referenced (the validator bounds their
 * depth and size). Each evaluated leaf and each expanded reference is written to the
 * run's log, from which the trace is read (explain.ts).
 */
import type { Condition } from '../../language';
import { factReader, valueReader, type Facts } from './fact-read';
import { ruleOperator } from './operators';

/** One evaluation's state: its facts, and the log of what it evaluated. */
export interface Run {
  readonly facts: Facts;
  /** A leaf appends (slot, fact value, value, result); an expanded reference appends ~slot. */
  readonly log: unknown[];
}

export type Check = (run: Run) => boolean;

/** A leaf of a rule's trace, in tree order, as the library's trace shows it. */
export interface LeafShape {
  kind: 'leaf';
  slot: number;
  at: string;
  fact: string;
  path?: string;
  operator: string;
  /** As written: what the trace shows for a leaf that was not evaluated. */
  value: unknown;
}

/** A reference to a named condition; the `size` items after it are its expansion, shown only when it was expanded. */
export interface ReferenceShape {
  kind: 'ref';
  slot: number;
  size: number;
}

export type ShapeItem = LeafShape | ReferenceShape;

const own = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

/** The library's test for a boolean node, in its order (`any`, then `all`, then `not`). */
function booleanKind(c: Condition): 'any' | 'all' | 'not' | undefined {
  if (own(c, 'any')) return 'any';
  if (own(c, 'all')) return 'all';
  if (own(c, 'not')) return 'not';
  return undefined;
}

/**
 * The priority a sibling is grouped by. A boolean node's is parsed as an integer (0 or none is 1);
 * a leaf's or a reference's is taken as written (none or 0 is 1), because the library parses
 * it only after copying it onto its condition object.
 */
function groupPriority(c: Condition): number {
  const written = c.priority;
  if (booleanKind(c)) return Number.parseInt(written as unknown as string, 10) || 1;
  return written || 1;
}

/** Sibling checks in groups, highest priority first, each group in definition order. */
function prioritized(children: readonly Condition[], checks: readonly Check[]): Check[][] {
  const groups = new Map<number, Check[]>();
  children.forEach((c, i) => {
    const p = groupPriority(c);
    const group = groups.get(p);
    if (group) group.push(checks[i]);
    else groups.set(p, [checks[i]]);
  });
  return [...groups.entries()].sort(([a], [b]) => b - a).map(([, group]) => group);
}

/** Every check of the group runs (the library runs a group's conditions together), then `all` decides. */
function everyOf(group: readonly Check[], run: Run): boolean {
  let passed = true;
  for (let i = 0; i < group.length; i++) if (!group[i](run)) passed = false;
  return passed;
}

function someOf(group: readonly Check[], run: Run): boolean {
  let passed = false;
  for (let i = 0; i < group.length; i++) if (group[i](run)) passed = true;
  return passed;
}

function combine(kind: 'all' | 'any', children: readonly Condition[], checks: readonly Check[]): Check {
  // The library answers true for an empty list either way, and runs a lone condition without grouping.
  if (checks.length === 0) return () => true;
  if (checks.length === 1) return checks[0];
  const groups = prioritized(children, checks);
  if (groups.length === 1) {
    const [group] = groups;
    return kind === 'all' ? (run) => everyOf(group, run) : (run) => someOf(group, run);
  }
  if (kind === 'all') {
    return (run) => {
      for (const group of groups) if (!everyOf(group, run)) return false;
      return true;
    };
  }
  return (run) => {
    for (const group of groups) if (someOf(group, run)) return true;
    return false;
  };
}

/** Compiles the conditions of one rule set; slots number leaves and references across all its rules. */
export class ConditionCompiler {
  private leaves = 0;
  private references = 0;

  /**
   * @param named the rule set's named conditions
   * @param given facts every evaluation carries (see factReader)
   */
  constructor(
    private readonly named: Readonly<Record<string, Condition>>,
    private readonly given: ReadonlySet<string>,
  ) {}

  get leafSlots(): number {
    return this.leaves;
  }

  get referenceSlots(): number {
    return this.references;
  }

  /** A rule's root; its leaves (and references) are appended to `shape` in tree order. */
  compile(root: Condition, shape: ShapeItem[]): Check {
    return this.node(root, '', shape);
  }

  private node(c: Condition, at: string, shape: ShapeItem[]): Check {
    const prefix = at === '' ? '' : `${at}/`;
    const kind = booleanKind(c);
    if (kind === 'not') {
      const child = this.node((c as { not: Condition }).not, `${prefix}not`, shape);
      return (run) => !child(run);
    }
    if (kind) {
      const children = (c as Record<typeof kind, Condition[]>)[kind];
      const checks = children.map((child, i) => this.node(child, `${prefix}${kind}/${i}`, shape));
      return combine(kind, children, checks);
    }
    if (own(c, 'condition')) return this.reference((c as { condition: string }).condition, at, shape);
    return this.leaf(c as Extract<Condition, { fact: string }>, at, shape);
  }

  /** The named condition takes the reference's place, so its nodes continue the reference's path. */
  private reference(name: string, at: string, shape: ShapeItem[]): Check {
    const body = this.named[name];
    // The validator refuses unknown names; the library throws the same way at evaluation.
    if (!body || !own(this.named, name)) {
      return () => {
        throw new Error(`No condition ${name} exists`);
      };
    }
    const item: ReferenceShape = { kind: 'ref', slot: this.references++, size: 0 };
    shape.push(item);
    const start = shape.length;
    const check = this.node(body, at, shape);
    item.size = shape.length - start;
    const tag = ~item.slot;
    return (run) => {
      run.log.push(tag);
      return check(run);
    };
  }

  private leaf(c: Extract<Condition, { fact: string }>, at: string, shape: ShapeItem[]): Check {
    const slot = this.leaves++;
    const item: LeafShape = { kind: 'leaf', slot, at, fact: c.fact, operator: c.operator, value: c.value };
    if (c.path) item.path = c.path;
    shape.push(item);
    const op = ruleOperator(c.operator);
    if (!op) {
      return () => {
        throw new Error(`Unknown operator: ${c.operator}`);
      };
    }
    const fact = factReader(c.fact, c.path, this.given);
    const value = valueReader(c.value, this.given);
    return (run) => {
      const v = value(run.facts);
      const f = fact(run.facts);
      const result = op(f, v);
      run.log.push(slot, f, v, result);
      return result;
    };
  }
}
