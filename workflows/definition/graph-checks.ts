/**
 * The graph checks of a process definition: everything the validator checks
 * beyond the schema. No zod here: the workflow re-runs these checks on its
 * input, and in the sandbox zod schemas would be rebuilt for every workflow.
 */
import { checkCondition } from '../../language/condition';
import { pathOf, type Problem } from '../../language/problem';
import { expressionError } from '../expression';
import { looksLikeDuration, parseDuration } from './duration';
import { nodeExpressions } from './expressions';
import { activityInputProblems } from './input-checks';
import type { JsonSchema } from './input-types';
import { ladderProblems } from './ladder-checks';
import { buildGraph, canReach, cycles, matchingJoin, normalEdges, reachableFrom, type Graph } from './graph';
import type { ProcessDefinition, ProcessNode } from './schema';

export interface ValidationContext {
  /** Registered activity names; when given, an unknown one is a problem. */
  activities?: readonly string[];
  /** Input JSON Schemas of the registered activities by name; when given, each activity step's inputs are checked against its schema (input-checks.ts). */
  activityInputs?: Readonly<Record<string, JsonSchema>>;
}

type Report = (p: Problem) => void;

/** Kinds that continue along exactly one normal edge. */
const SINGLE_EXIT: ReadonlySet<string> = new Set(['start', 'activity', 'timer', 'event', 'task', 'assign', 'subprocess', 'join']);
const ERROR_EDGE_ALLOWED: ReadonlySet<string> = new Set(['activity', 'subprocess', 'decision']);

/** Every graph problem of a definition that already matches the schema. */
export function graphProblems(def: ProcessDefinition, ctx: ValidationContext = {}): Problem[] {
  const problems: Problem[] = [];
  checkGraph(def, ctx, (p) => problems.push(p));
  return problems;
}

function checkGraph(def: ProcessDefinition, ctx: ValidationContext, report: Report): void {
  const nodeIndex = new Map(def.nodes.map((n, i) => [n.id, i]));
  const seenNodes = new Set<string>();
  def.nodes.forEach((n, i) => {
    if (seenNodes.has(n.id)) report({ path: `nodes/${i}/id`, code: 'duplicate_id', message: `node id '${n.id}' is used twice`, nodeId: n.id });
    seenNodes.add(n.id);
  });
  const seenEdges = new Set<string>();
  def.edges.forEach((e, i) => {
    if (seenEdges.has(e.id)) report({ path: `edges/${i}/id`, code: 'duplicate_id', message: `edge id '${e.id}' is used twice`, edgeId: e.id });
    seenEdges.add(e.id);
    for (const end of ['from', 'to'] as const) {
      if (!nodeIndex.has(e[end])) {
        report({ path: `edges/${i}/${end}`, code: 'dangling_edge', message: `edge '${e.id}' ${end === 'from' ? 'leaves' : 'enters'} unknown node '${e[end]}'`, edgeId: e.id });
      }
    }
  });

  checkGroups(def, nodeIndex, report);

  const g = buildGraph(def);
  const starts = def.nodes.filter((n) => n.type === 'start');
  if (starts.length === 0) report({ path: 'nodes', code: 'missing_start', message: 'the process has no start node' });
  if (starts.length > 1) {
    for (const s of starts.slice(1)) report({ path: `nodes/${nodeIndex.get(s.id)}`, code: 'multiple_starts', message: 'a process has exactly one start node', nodeId: s.id });
  }

  def.nodes.forEach((n, i) => checkNode(n, `nodes/${i}`, g, ctx, report));
  def.nodes.forEach((n, i) => {
    const schema = n.type === 'activity' ? ctx.activityInputs?.[n.activity] : undefined;
    if (n.type === 'activity' && schema) for (const p of activityInputProblems(def, g, n, `nodes/${i}`, schema)) report(p);
  });
  def.edges.forEach((e, i) => {
    const from = g.nodes.get(e.from);
    if (!from) return;
    const at = { path: `edges/${i}`, edgeId: e.id };
    if (e.condition !== undefined) {
      if (from.type !== 'gateway') report({ ...at, code: 'misplaced_edge', message: 'only edges leaving a gateway carry a condition' });
      for (const p of checkCondition(e.condition)) report({ ...at, path: pathOf(['edges', i, 'condition', ...p.path]), code: p.code, message: p.message });
    }
    if (e.outcome !== undefined && from.type !== 'decision') report({ ...at, code: 'misplaced_edge', message: 'only edges leaving a decision carry an outcome' });
    if (e.on === 'error' && !ERROR_EDGE_ALLOWED.has(from.type)) report({ ...at, code: 'misplaced_edge', message: `a ${from.type} node has no error path` });
    if (e.on === 'timeout') {
      const allowed = (from.type === 'event' && from.timeout) || (from.type === 'task' && from.deadline);
      if (!allowed) report({ ...at, code: 'misplaced_edge', message: 'a timeout edge leaves only an event with a timeout or a task with a deadline' });
    }
    if (e.default && from.type !== 'gateway' && from.type !== 'decision') report({ ...at, code: 'misplaced_edge', message: 'only gateway and decision edges can be the default' });
  });

  checkReachability(def, g, nodeIndex, report);
  checkForks(def, g, nodeIndex, report);
  checkLoops(g, nodeIndex, report);
}

function checkNode(n: ProcessNode, path: string, g: Graph, ctx: ValidationContext, report: Report): void {
  const at = { path, nodeId: n.id };
  const normal = normalEdges(g, n.id);
  const incoming = g.in.get(n.id) ?? [];
  const timeoutEdges = (g.out.get(n.id) ?? []).filter((e) => e.on === 'timeout');
  const errorEdges = (g.out.get(n.id) ?? []).filter((e) => e.on === 'error');
  if (timeoutEdges.length > 1 || errorEdges.length > 1) report({ ...at, code: 'too_many_outgoing', message: 'a node has at most one timeout edge and one error edge' });

  if (SINGLE_EXIT.has(n.type)) {
    if (normal.length === 0) report({ ...at, code: 'missing_outgoing', message: `the ${n.type} node '${n.id}' has no outgoing edge` });
    if (normal.length > 1) report({ ...at, code: 'too_many_outgoing', message: `the ${n.type} node '${n.id}' has ${normal.length} outgoing edges; use a gateway or a parallel node to branch` });
  }
  for (const { field, source } of nodeExpressions(n)) {
    const err = expressionError(source);
    if (err) report({ ...at, path: `${path}/${field}`, code: 'expression_syntax', message: `expression error: ${err}` });
  }
  if ((n.type === 'task' || n.type === 'event' || n.type === 'timer') && n.ladder) {
    for (const p of ladderProblems(n.ladder, n.type === 'task', `${path}/ladder`, n.id)) report(p);
  }
  const literalDuration = (field: string, text: string | undefined) => {
    if (text === undefined) return;
    const r = parseDuration(text);
    if ('error' in r) report({ ...at, path: `${path}/${field}`, code: 'bad_duration', message: r.error });
  };
  // A duration field holds a literal ISO duration or an expression (checked above).
  const duration = (field: string, text: string | undefined) => {
    if (text !== undefined && looksLikeDuration(text)) literalDuration(field, text);
  };

  switch (n.type) {
    case 'start':
      if (incoming.length) report({ ...at, code: 'start_has_incoming', message: 'nothing may lead back into the start node' });
      break;
    case 'end':
      if ((g.out.get(n.id) ?? []).length) report({ ...at, code: 'end_has_outgoing', message: 'an end node has no outgoing edges' });
      break;
    case 'activity':
      if (ctx.activities && !ctx.activities.includes(n.activity)) {
        report({ ...at, path: `${path}/activity`, code: 'unknown_activity', message: `no activity named '${n.activity}' is registered` });
      }
      literalDuration('timeout', n.timeout);
      literalDuration('retry/initialInterval', n.retry?.initialInterval);
      literalDuration('retry/maximumInterval', n.retry?.maximumInterval);
      break;
    case 'decision':
    case 'gateway': {
      const defaults = normal.filter((e) => e.default);
      if (defaults.length === 0) report({ ...at, code: 'missing_default', message: `the ${n.type} '${n.id}' needs one default edge` });
      if (defaults.length > 1) report({ ...at, code: 'multiple_defaults', message: `the ${n.type} '${n.id}' has ${defaults.length} default edges` });
      for (const e of normal.filter((x) => !x.default)) {
        if (n.type === 'gateway' && !e.condition) report({ ...at, edgeId: e.id, code: 'missing_condition', message: `edge '${e.id}' leaves a gateway without a condition` });
        if (n.type === 'decision' && !e.outcome) report({ ...at, edgeId: e.id, code: 'missing_outcome', message: `edge '${e.id}' leaves a decision without an outcome` });
      }
      if (n.type === 'decision') {
        const outcomes = normal.map((e) => e.outcome).filter((o): o is string => o !== undefined);
        const dup = outcomes.find((o, i) => outcomes.indexOf(o) !== i);
        if (dup) report({ ...at, code: 'duplicate_outcome', message: `two edges of '${n.id}' take the outcome '${dup}'` });
      }
      break;
    }
    case 'timer':
      if ((n.duration === undefined) === (n.until === undefined)) {
        report({ ...at, code: 'timer_config', message: 'a timer has either a duration or an until expression' });
      }
      duration('duration', n.duration);
      break;
    case 'event':
      duration('timeout', n.timeout);
      if (n.timeout && timeoutEdges.length === 0) report({ ...at, code: 'missing_timeout_edge', message: `the event '${n.id}' has a timeout but no edge with on: "timeout"` });
      break;
    case 'task':
      duration('deadline', n.deadline);
      if (n.deadline && timeoutEdges.length === 0) report({ ...at, code: 'missing_timeout_edge', message: `the task '${n.id}' has a deadline but no edge with on: "timeout"` });
      if (n.form && n.form.type !== undefined && n.form.type !== 'object') report({ ...at, path: `${path}/form/type`, code: 'bad_form', message: 'a task form is a JSON Schema of type object' });
      if (n.form && n.formRef) report({ ...at, path: `${path}/formRef`, code: 'form_conflict', message: 'a task has an inline form or a designed form (formRef), not both' });
      break;
    case 'parallel':
      if (normal.length < 2) report({ ...at, code: 'parallel_needs_branches', message: 'a parallel node forks into two or more branches' });
      break;
    case 'join':
      break;
    case 'assign':
    case 'subprocess':
      break;
    default: {
      const never: never = n;
      throw new Error(`unhandled node type ${(never as ProcessNode).type}`);
    }
  }
}

function checkReachability(def: ProcessDefinition, g: Graph, nodeIndex: Map<string, number>, report: Report): void {
  const start = def.nodes.find((n) => n.type === 'start');
  if (!start) return;
  const reachable = reachableFrom(g, [start.id]);
  const ends = def.nodes.filter((n) => n.type === 'end').map((n) => n.id);
  if (ends.length === 0) report({ path: 'nodes', code: 'no_path_to_end', message: 'the process has no end node' });
  const finishing = canReach(g, ends);
  for (const n of def.nodes) {
    const at = { path: `nodes/${nodeIndex.get(n.id)}`, nodeId: n.id };
    if (!reachable.has(n.id)) report({ ...at, code: 'unreachable_node', message: `node '${n.id}' cannot be reached from the start` });
    else if (ends.length && !finishing.has(n.id)) report({ ...at, code: 'no_path_to_end', message: `no path leads from '${n.id}' to an end` });
  }
}

function checkForks(def: ProcessDefinition, g: Graph, nodeIndex: Map<string, number>, report: Report): void {
  const owner = new Map<string, string>();
  for (const n of def.nodes) {
    if (n.type !== 'parallel') continue;
    const join = matchingJoin(g, n.id);
    const at = { path: `nodes/${nodeIndex.get(n.id)}`, nodeId: n.id };
    if (join === null) {
      report({ ...at, code: 'join_mismatch', message: `the branches of '${n.id}' reach different joins` });
    } else if (join !== undefined) {
      if (owner.has(join)) report({ ...at, code: 'join_mismatch', message: `join '${join}' closes both '${owner.get(join)}' and '${n.id}'` });
      owner.set(join, n.id);
    }
  }
  for (const n of def.nodes) {
    if (n.type === 'join' && !owner.has(n.id)) {
      report({ path: `nodes/${nodeIndex.get(n.id)}`, nodeId: n.id, code: 'join_without_fork', message: `join '${n.id}' closes no parallel fork` });
    }
  }
}

function checkLoops(g: Graph, nodeIndex: Map<string, number>, report: Report): void {
  for (const comp of cycles(g)) {
    const members = [...comp];
    const first = members[0];
    const at = { path: `nodes/${nodeIndex.get(first)}`, nodeId: first };
    const exits = members.some((id) => (g.out.get(id) ?? []).some((e) => !comp.has(e.to)));
    if (!exits) report({ ...at, code: 'loop_without_exit', message: `the loop through ${members.join(', ')} has no way out` });
  }
}

/** Groups drawn as boxes: each names nodes that exist, under an id of its own, and a node is in one group at most. */
function checkGroups(def: ProcessDefinition, nodeIndex: ReadonlyMap<string, number>, report: Report): void {
  const groupOf = new Map<string, string>();
  const ids = new Set<string>();
  def.groups?.forEach((group, i) => {
    if (ids.has(group.id)) report({ path: `groups/${i}/id`, code: 'duplicate_id', message: `group id '${group.id}' is used twice` });
    ids.add(group.id);
    group.nodes.forEach((nodeId, j) => {
      const at = `groups/${i}/nodes/${j}`;
      if (!nodeIndex.has(nodeId)) report({ path: at, code: 'group_unknown_node', message: `group '${group.id}' names unknown node '${nodeId}'`, params: { group: group.id, node: nodeId } });
      else if (groupOf.has(nodeId)) {
        report({ path: at, code: 'group_overlap', message: `node '${nodeId}' is in groups '${groupOf.get(nodeId)}' and '${group.id}'; a node is in one group at most`, nodeId, params: { node: nodeId, first: groupOf.get(nodeId)!, second: group.id } });
      } else groupOf.set(nodeId, group.id);
    });
  });
}
