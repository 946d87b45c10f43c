/**
 * A structured diff between two rule sets: what GET /api/rulesets/:key/diff answers and what
 * the editor lists when comparing versions. Rules are matched by name and table rows by id; one
 * without (both are optional) is matched by its position, `#1` for the first. Facts and named
 * conditions are matched by name. Every difference carries the values before and after.
 */
import type { RuleSet } from './ruleset-schema';

/** An entry (or a field) present on both sides with different content. */
export interface ChangedEntry {
  name: string;
  before: unknown;
  after: unknown;
}

/** What was added, removed and changed among entries matched by name. */
export interface EntryDiff {
  added: { name: string; after: unknown }[];
  removed: { name: string; before: unknown }[];
  changed: ChangedEntry[];
}

/** Entries whose order decides: among equal priorities the first rule fires first, and a `first` table takes the first row that matches. */
export interface OrderedEntryDiff extends EntryDiff {
  /** The entries both sides hold stand in another order. */
  reordered: boolean;
}

/** The differences between two rule sets, empty lists (and no fields) when they are the same. */
export interface RuleSetDiff {
  /** Top-level fields that differ (name, description, kind, paramFacts...), and the table's as `table/hitPolicy`, `table/columns`. */
  fields: ChangedEntry[];
  facts: EntryDiff;
  conditions: EntryDiff;
  rules: OrderedEntryDiff;
  rows: OrderedEntryDiff;
}

type Entry = [name: string, value: unknown];

/** Compared entry by entry below, so not listed among the fields. */
const PARTS = new Set(['facts', 'conditions', 'rules', 'table']);

/** JSON with object keys sorted: jsonb hands keys back in its own order, which is no difference. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

const same = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

/** List items named by `nameOf`, or by position; a repeated name gets its position too, so no entry hides another. */
function listEntries<T>(items: readonly T[], nameOf: (item: T) => string | undefined): Entry[] {
  const seen = new Set<string>();
  return items.map((item, i) => {
    const given = nameOf(item);
    const name = given === undefined ? `#${i + 1}` : seen.has(given) ? `${given} #${i + 1}` : given;
    seen.add(name);
    return [name, item];
  });
}

/** A record's entries by name, sorted: their order means nothing. */
const recordEntries = (record: Record<string, unknown> | undefined): Entry[] => Object.entries(record ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

function diffEntries(before: Entry[], after: Entry[]): EntryDiff {
  const old = new Map(before);
  const now = new Map(after);
  return {
    added: after.filter(([name]) => !old.has(name)).map(([name, value]) => ({ name, after: value })),
    removed: before.filter(([name]) => !now.has(name)).map(([name, value]) => ({ name, before: value })),
    changed: after.filter(([name, value]) => old.has(name) && !same(old.get(name), value)).map(([name, value]) => ({ name, before: old.get(name), after: value })),
  };
}

function diffOrdered(before: Entry[], after: Entry[]): OrderedEntryDiff {
  const inAfter = new Set(after.map(([name]) => name));
  const inBefore = new Set(before.map(([name]) => name));
  const kept = before.map(([name]) => name).filter((name) => inAfter.has(name));
  const keptAfter = after.map(([name]) => name).filter((name) => inBefore.has(name));
  return { ...diffEntries(before, after), reordered: kept.some((name, i) => name !== keptAfter[i]) };
}

function diffFields(before: RuleSet, after: RuleSet): ChangedEntry[] {
  const pick = (rs: RuleSet): Entry[] => [
    ...Object.entries(rs).filter(([field]) => !PARTS.has(field)),
    ...(rs.kind === 'table' ? ([['table/hitPolicy', rs.table.hitPolicy], ['table/columns', rs.table.columns]] as Entry[]) : []),
  ];
  const old = new Map(pick(before));
  const now = new Map(pick(after));
  return [...new Set([...old.keys(), ...now.keys()])]
    .sort()
    .filter((field) => !same(old.get(field), now.get(field)))
    .map((field) => ({ name: field, before: old.get(field), after: now.get(field) }));
}

const rulesOf = (rs: RuleSet) => listEntries(rs.kind === 'rules' ? rs.rules : [], (r) => r.name);
const rowsOf = (rs: RuleSet) => listEntries(rs.kind === 'table' ? rs.table.rows : [], (r) => r.id);

/** What changed from `before` to `after`. Pure and browser-safe: the editor computes the same diff. */
export function diffRuleSets(before: RuleSet, after: RuleSet): RuleSetDiff {
  return {
    fields: diffFields(before, after),
    facts: diffEntries(recordEntries(before.facts), recordEntries(after.facts)),
    conditions: diffEntries(recordEntries(before.conditions), recordEntries(after.conditions)),
    rules: diffOrdered(rulesOf(before), rulesOf(after)),
    rows: diffOrdered(rowsOf(before), rowsOf(after)),
  };
}
