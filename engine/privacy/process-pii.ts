/**
 * Where a process keeps personal data, read from its definition: the variables schema, each
 * task's form under the variable the task writes, and each decision's facts (a fact that is a
 * plain path takes the class of that path; a computed fact that reads classified data is
 * classified as a whole). Masks a case's variables, its decisions and its tasks with them.
 */
import type { ProcessDefinition } from '../../workflows/definition/schema';
import { maskBySchema, type Masked } from './mask';
import { isPiiClass, type PiiClass } from './pii-class';
import { classified, classWithin, schemaSet, schemasAt, schemasAtPath, type SchemaSet } from './schema-walk';

/**
 * The classification of a case's variables: the variables schema, with task forms and events'
 * declared payloads under the variables the task or event writes.
 */
export function caseSchema(def: ProcessDefinition): SchemaSet {
  const variables = (def.variables ?? {}) as Record<string, unknown>;
  const properties: Record<string, unknown> = { ...((variables.properties as Record<string, unknown> | undefined) ?? {}) };
  for (const node of def.nodes) {
    const writes = node.type === 'task' ? { output: node.output, schema: node.form } : node.type === 'event' ? { output: node.output, schema: node.payload } : undefined;
    if (!writes?.output || !writes.schema) continue;
    properties[writes.output] = writes.output in properties ? { allOf: [properties[writes.output], writes.schema] } : writes.schema;
  }
  return schemaSet({ ...variables, properties });
}

/** The classification of one fact of a decision node's facts. */
export function factSchema(def: ProcessDefinition, nodeId: string): (fact: string) => SchemaSet {
  const variables = caseSchema(def);
  const node = def.nodes.find((n) => n.id === nodeId);
  const mapping = node?.type === 'decision' ? node.facts : undefined;
  // Without a mapping the facts are the case's variables, by their names.
  if (!mapping) return (fact) => schemasAt(variables, fact, 'property');
  return (fact) => {
    const expression = mapping[fact];
    if (expression === undefined) return schemasAt(variables, fact, 'property');
    if (PLAIN_PATH.test(expression.trim())) return schemasAtPath(variables, expression.trim().split('.'));
    const cls = referencedClass(variables, expression);
    return cls ? classified(cls) : schemaSet(undefined);
  };
}

const PLAIN_PATH = /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/;

/** The first class of personal data an expression reads, judged by the variable paths it names. */
function referencedClass(variables: SchemaSet, expression: string): PiiClass | undefined {
  const code = expression.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, '""');
  for (const m of code.matchAll(/(?<![\w$.])[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*/g)) {
    const cls = classWithin(schemasAtPath(variables, m[0].split('.')));
    if (cls) return cls;
  }
  return undefined;
}

/** A decision's record as answered: the facts the rules saw and the trace of each condition. */
export interface DecisionData {
  nodeId: string;
  facts: object;
  trace: object;
}

interface TraceLeaf {
  fact: string;
  path?: string;
  value: unknown;
  factValue: unknown;
}

/** A decision with its classified facts masked, in the facts and in the trace's fact values. */
export function maskDecision<D extends DecisionData>(def: ProcessDefinition, decision: D): Masked<D> {
  const schemaOf = factSchema(def, decision.nodeId);
  let found = false;
  const facts = Object.fromEntries(
    Object.entries(decision.facts).map(([name, value]) => {
      const m = maskBySchema(schemaOf(name), value);
      found ||= m.found;
      return [name, m.value];
    }),
  );
  const trace = (decision.trace as { conditions?: TraceLeaf[] }[]).map((rule) => ({
    ...rule,
    conditions: (rule.conditions ?? []).map((leaf) => {
      const at = schemasAtPath(schemaOf(leaf.fact), pathSegments(leaf.path));
      const factValue = maskBySchema(at, leaf.factValue);
      // What a classified fact was compared with tells as much as the fact itself.
      const value = at.cls ? maskBySchema(classified(at.cls), leaf.value) : { value: leaf.value, found: false };
      found ||= factValue.found || value.found;
      return { ...leaf, factValue: factValue.value, value: value.value };
    }),
  }));
  return { value: { ...decision, facts, trace }, found };
}

/** `$.person.idNumber` or `$.items[0].phone` as segments. */
function pathSegments(path: string | undefined): string[] {
  if (!path) return [];
  return path
    .replace(/^\$\.?/, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean);
}

/** A task as answered: its data masked against its form, and the form's classified defaults and examples masked. */
export function maskTask<T extends { form: object | null; data: object | null }>(task: T): Masked<T> {
  if (!task.form) return { value: task, found: false };
  const data = maskBySchema(schemaSet(task.form), task.data);
  const form = maskFormValues(task.form, undefined);
  return { value: { ...task, data: data.value, form: form.value }, found: data.found || form.found };
}

/** Keywords of a schema that hold sample values of the field itself. */
const VALUE_KEYWORDS = ['default', 'const', 'examples', 'enum'];

function maskFormValues(schema: unknown, inherited: PiiClass | undefined): Masked<object> {
  if (typeof schema !== 'object' || schema === null) return { value: schema as object, found: false };
  if (Array.isArray(schema)) {
    let found = false;
    const items = schema.map((s: unknown) => {
      const m = maskFormValues(s, inherited);
      found ||= m.found;
      return m.value;
    });
    return { value: items, found };
  }
  const node = schema as Record<string, unknown>;
  const cls = isPiiClass(node['x-pii']) ? node['x-pii'] : inherited;
  let found = false;
  const out = Object.fromEntries(
    Object.entries(node).map(([k, v]) => {
      const m = cls && VALUE_KEYWORDS.includes(k) ? maskBySchema(classified(cls), v) : maskFormValues(v, cls);
      found ||= m.found;
      return [k, m.value];
    }),
  );
  return { value: out, found };
}
