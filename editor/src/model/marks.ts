/**
 * What the canvas colours: problems while editing, a version diff, or a test case's path.
 * Nodes and edges look their own mark up by id, so a change repaints only the elements it concerns.
 */
import type { ProcessDefinition } from '../../../workflows/definition/schema';
import type { CaseSnapshot } from '../api/cases';
import type { Problem } from '../../../language';
import { toFlow } from './convert';
import type { FlowEdge, FlowNode } from './types';

export type DiffMark = 'added' | 'removed' | 'changed';
export type RunMark = 'active' | 'visited' | 'failed';
export type Mark = DiffMark | RunMark | 'problem';

export interface Marks {
  nodes: Record<string, Mark>;
  edges: Record<string, Mark>;
}

/** What changed between two definitions, by id (the shape `diffDefinitions` answers). */
export interface DefinitionDiff {
  nodes: ElementChanges;
  edges: ElementChanges;
}

interface ElementChanges {
  added: string[];
  removed: string[];
  changed: { id: string; fields: string[] }[];
}

export function problemMarks(problems: readonly Problem[]): Marks {
  const marks: Marks = { nodes: {}, edges: {} };
  for (const p of problems) {
    if (p.nodeId) marks.nodes[p.nodeId] = 'problem';
    if (p.edgeId) marks.edges[p.edgeId] = 'problem';
  }
  return marks;
}

/**
 * The graph a diff is drawn on: the newer definition, plus the nodes and edges it removed
 * (at their old positions) so they can be shown as ghosts.
 */
export function diffGraph(
  from: ProcessDefinition,
  to: ProcessDefinition,
  diff: DefinitionDiff,
): { nodes: FlowNode[]; edges: FlowEdge[]; marks: Marks; positioned: boolean } {
  const removedNodes = new Set(diff.nodes.removed);
  const removedEdges = new Set(diff.edges.removed);
  const ghosts = toFlow(from);
  const current = toFlow(to);
  const marks: Marks = { nodes: {}, edges: {} };
  for (const id of diff.nodes.added) marks.nodes[id] = 'added';
  for (const id of diff.nodes.removed) marks.nodes[id] = 'removed';
  for (const { id } of diff.nodes.changed) marks.nodes[id] = 'changed';
  for (const id of diff.edges.added) marks.edges[id] = 'added';
  for (const id of diff.edges.removed) marks.edges[id] = 'removed';
  for (const { id } of diff.edges.changed) marks.edges[id] = 'changed';
  return {
    nodes: [...current.nodes, ...ghosts.nodes.filter((n) => removedNodes.has(n.id))],
    edges: [...current.edges, ...ghosts.edges.filter((e) => removedEdges.has(e.id))],
    marks,
    // Fallback grid positions of two definitions would collide: without real positions the merged graph needs a layout.
    positioned: current.positioned && ghosts.positioned,
  };
}

/** A test case's path: the nodes it is in now, the nodes and edges it has passed, and where it failed. */
export function runMarks(snapshot: Pick<CaseSnapshot, 'activeNodes' | 'history' | 'error'>): Marks {
  const marks: Marks = { nodes: {}, edges: {} };
  for (const visit of snapshot.history) {
    marks.nodes[visit.nodeId] = 'visited';
    if (visit.edgeId) marks.edges[visit.edgeId] = 'visited';
  }
  for (const id of snapshot.activeNodes) marks.nodes[id] = 'active';
  if (snapshot.error?.nodeId) marks.nodes[snapshot.error.nodeId] = 'failed';
  return marks;
}
