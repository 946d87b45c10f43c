/** Builders and helpers for process tests: definitions stay short and readable. */
import type { ProcessDefinition, ProcessEdge, ProcessNode } from '../../workflows/definition/schema';
import { eventually, type TestApp } from './app';

type NodeSpec = ProcessNode;

/** A definition whose nodes, in order, are chained by edges `e1`, `e2`...; `extra` adds branches. */
export function chain(key: string, nodes: NodeSpec[], extra: Omit<ProcessEdge, 'id'>[] = [], more: Partial<ProcessDefinition> = {}): ProcessDefinition {
  const edges: ProcessEdge[] = [];
  for (let i = 0; i < nodes.length - 1; i++) {
    if (nodes[i].type === 'end') continue;
    edges.push({ id: `e${i + 1}`, from: nodes[i].id, to: nodes[i + 1].id });
  }
  extra.forEach((e, i) => edges.push({ id: `x${i + 1}`, ...e }));
  return { key, name: { zh: key, en: key }, nodes, edges, ...more };
}

/** start → `check`, a human task with a one-field form (`note`) → end: a case that waits until someone acts. */
export function taskProcess(key: string, title = 'Check'): ProcessDefinition {
  return chain(key, [
    { id: 'start', type: 'start' },
    { id: 'check', type: 'task', title: { zh: '核查', en: title }, form: { type: 'object', properties: { note: { type: 'string' } } }, output: 'check' },
    { id: 'end', type: 'end', outcome: 'checked' },
  ]);
}

/** start → `decide` (rule set `rules` on the input's age) → `check`, a task that keeps the case running → end. */
export function decideThenWait(key: string, rules: string): ProcessDefinition {
  const def = chain(key, [
    { id: 'start', type: 'start' },
    { id: 'decide', type: 'decision', ruleset: rules, facts: { age: 'age' }, output: 'verdict' },
    { id: 'check', type: 'task', title: { zh: '核查', en: 'Check' }, form: { type: 'object', properties: { note: { type: 'string' } } } },
    { id: 'end', type: 'end' },
  ]);
  def.edges[1] = { ...def.edges[1], default: true };
  return def;
}

/**
 * start → `fork` (parallel) → each branch, its nodes chained → `join` → `after`, chained:
 * nodes in that order, edges `e1`, `e2`... in that order too.
 */
export function forkJoin(
  key: string,
  branches: NodeSpec[][],
  after: NodeSpec[],
  opts: { joinMode?: 'all' | 'any'; name?: ProcessDefinition['name'] } = {},
): ProcessDefinition {
  const join: NodeSpec = { id: 'join', type: 'join', ...(opts.joinMode ? { mode: opts.joinMode } : {}) };
  const tail = [join, ...after];
  const links: [string, string][] = [['start', 'fork']];
  for (const branch of branches) branch.forEach((node, i) => links.push([i === 0 ? 'fork' : branch[i - 1].id, node.id]));
  for (const branch of branches) links.push([branch[branch.length - 1].id, 'join']);
  for (let i = 0; i < tail.length - 1; i++) links.push([tail[i].id, tail[i + 1].id]);
  return {
    key,
    name: opts.name ?? { zh: key, en: key },
    nodes: [{ id: 'start', type: 'start' }, { id: 'fork', type: 'parallel' }, ...branches.flat(), ...tail],
    edges: links.map(([from, to], i) => ({ id: `e${i + 1}`, from, to })),
  };
}

/** Creates (or updates) the draft and publishes it; answers the version number. */
export async function publish(app: TestApp, def: ProcessDefinition, comment = 'test'): Promise<number> {
  const existing = await app.api('GET', `/api/processes/${def.key}`);
  const saved =
    existing.status === 404
      ? await app.api('POST', '/api/processes', { key: def.key, name: def.name, definition: def })
      : await app.api('PUT', `/api/processes/${def.key}/draft`, { definition: def });
  if (saved.status >= 300) throw new Error(`saving ${def.key} failed: ${JSON.stringify(saved.body)}`);
  const res = await app.api('POST', `/api/processes/${def.key}/publish`, { comment });
  if (res.status !== 201) throw new Error(`publishing ${def.key} failed: ${JSON.stringify(res.body)}`);
  return res.body.version;
}

export async function startCase(app: TestApp, processKey: string, input: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await app.api('POST', '/api/cases', { processKey, input, ...extra });
  if (res.status !== 201) throw new Error(`starting ${processKey} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.caseId;
}

export async function caseState(app: TestApp, id: string) {
  const res = await app.api('GET', `/api/cases/${id}`);
  if (res.status !== 200) throw new Error(`reading ${id}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Waits until the case has the status (and, if given, waits in the node). */
export async function waitFor(app: TestApp, id: string, status: string, atNode?: string, timeoutMs = 30_000) {
  return eventually(
    async () => {
      const s = await caseState(app, id);
      // A loaded worker may not answer for the case's state in time: its status alone is no answer yet.
      if (s.stateUnavailable) return undefined;
      if (s.status === status && (!atNode || s.activeNodes.includes(atNode))) return s;
      if (s.status !== 'running' && s.status !== status) throw Object.assign(new Error(`case ended ${s.status}: ${JSON.stringify(s.error)}`), { final: true });
      return undefined;
    },
    timeoutMs,
    `${id} to be ${status}${atNode ? ` at ${atNode}` : ''}`,
  );
}

/** The node ids the case passed through, in order. */
export function path(state: { history: { nodeId: string }[] }): string[] {
  return state.history.map((h) => h.nodeId);
}
