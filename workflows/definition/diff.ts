/**
 * A structured diff between two definitions, by node and edge id: what the editor
 * colours on the graph and what GET /api/processes/:key/diff answers.
 */
import type { ProcessDefinition } from './schema';

export interface ElementDiff {
  added: string[];
  removed: string[];
  /** Ids present in both with different content, and which top-level fields differ. */
  changed: { id: string; fields: string[] }[];
}

export interface DefinitionDiff {
  nodes: ElementDiff;
  edges: ElementDiff;
  /** Top-level fields other than nodes and edges that differ (name, variables...). */
  fields: string[];
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * Node fields that only place a node on the canvas. Moving nodes changes no behaviour, and an
 * auto-layout moves them all: listed as changes, they hid the one real change of a version.
 */
const LAYOUT_FIELDS: ReadonlySet<string> = new Set(['position']);
/** Top-level fields not compared as fields: nodes and edges are diffed by id; the layout's direction and the groups drawn as boxes are presentation, as positions are. */
const TOP_FIELDS_LEFT_OUT: ReadonlySet<string> = new Set(['nodes', 'edges', 'layout', 'groups']);

/** Elements of two lists matched by id: added, removed, and changed (with the fields that differ, `ignored` left out). */
export function diffById<T extends { id: string }>(before: readonly T[], after: readonly T[], ignored: ReadonlySet<string> = new Set()): ElementDiff {
  const a = new Map(before.map((x) => [x.id, x]));
  const b = new Map(after.map((x) => [x.id, x]));
  const out: ElementDiff = { added: [], removed: [], changed: [] };
  for (const id of a.keys()) if (!b.has(id)) out.removed.push(id);
  for (const [id, next] of b) {
    const prev = a.get(id);
    if (!prev) {
      out.added.push(id);
      continue;
    }
    const keys = new Set([...Object.keys(prev), ...Object.keys(next)]);
    const fields = [...keys].filter((k) => !ignored.has(k) && !same((prev as Record<string, unknown>)[k], (next as Record<string, unknown>)[k])).sort();
    if (fields.length) out.changed.push({ id, fields });
  }
  return out;
}

export function diffDefinitions(before: ProcessDefinition, after: ProcessDefinition): DefinitionDiff {
  const top = new Set([...Object.keys(before), ...Object.keys(after)].filter((k) => !TOP_FIELDS_LEFT_OUT.has(k)));
  return {
    nodes: diffById(before.nodes, after.nodes, LAYOUT_FIELDS),
    edges: diffById(before.edges, after.edges),
    fields: [...top].filter((k) => !same((before as Record<string, unknown>)[k], (after as Record<string, unknown>)[k])).sort(),
  };
}
