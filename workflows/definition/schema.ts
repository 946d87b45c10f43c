/**
 * The process definition language: the single source of truth for the API's
 * validation, the worker's input check, the TS types and the editor's forms.
 * No Node-only imports: this module runs in the workflow sandbox and the browser.
 */
import { z } from 'zod';
import { conditionSchema } from '../../language/condition-schema';
import { identifier, resourceKey, variableName } from '../../language/identifiers';
import { localizedDescription, localizedText } from '../../language/localized-text';
import { fieldKey } from '../../language/forms/form-schema';
import { ladder } from './ladder-schema';
import { processTests } from './process-tests';

export const DEFINITION_LIMITS = { nodes: 1000, edges: 3000, bytes: 512 * 1024 } as const;

/** A JSONata expression over the case variables; checked for syntax by the validator. */
export const expression = z.string().min(1).max(4000);

/** A literal ISO-8601 duration (P7D, PT1H30M) or, otherwise, an expression that yields one. */
export const durationOrExpression = z.string().min(1).max(4000);

export const position = z.object({ x: z.number().finite(), y: z.number().finite() }).strict();

export const retryPolicy = z
  .object({
    maxAttempts: z.number().int().min(1).max(100).optional(),
    initialInterval: z.string().optional(),
    backoff: z.number().min(1).max(10).optional(),
    maximumInterval: z.string().optional(),
  })
  .strict();

/** A JSON Schema object (kept opaque here; the validator compiles it). */
export const jsonSchemaObject = z.record(z.string(), z.unknown());

const inputMapping = z.record(variableName, expression);

const nodeBase = {
  id: identifier,
  label: localizedText.partial().optional(),
  description: localizedDescription.optional(),
  position: position.optional(),
};

export const startNode = z.object({ ...nodeBase, type: z.literal('start') }).strict();
export const endNode = z.object({ ...nodeBase, type: z.literal('end'), outcome: z.string().max(100).optional() }).strict();
export const activityNode = z
  .object({
    ...nodeBase,
    type: z.literal('activity'),
    activity: z.string().min(1).max(100),
    input: inputMapping.optional(),
    output: variableName.optional(),
    timeout: z.string().optional(),
    retry: retryPolicy.optional(),
  })
  .strict();
export const decisionNode = z
  .object({
    ...nodeBase,
    type: z.literal('decision'),
    ruleset: resourceKey,
    /** Pins a rule set version; absent means "the version published at the moment of the decision". */
    version: z.number().int().positive().optional(),
    /** Facts given to the rules; absent means all case variables. */
    facts: inputMapping.optional(),
    output: variableName.optional(),
  })
  .strict();
export const gatewayNode = z.object({ ...nodeBase, type: z.literal('gateway') }).strict();
export const timerNode = z
  .object({ ...nodeBase, type: z.literal('timer'), duration: durationOrExpression.optional(), until: expression.optional(), ladder: ladder.optional() })
  .strict();
export const eventNode = z
  .object({
    ...nodeBase,
    type: z.literal('event'),
    event: identifier,
    /** The JSON Schema the event's payload must match: a payload that does not is refused when sent (422). */
    payload: jsonSchemaObject.optional(),
    output: variableName.optional(),
    timeout: durationOrExpression.optional(),
    ladder: ladder.optional(),
  })
  .strict();
/**
 * A published task form (engine/forms) that a task shows and checks its completion against.
 * Without `version`, the task takes the latest version published when it opens and keeps it
 * (tasks.form_ref) until it is done. That is what is safe for running cases: an open task never
 * changes under the person filling it, the server checks a completion against the very form they
 * were shown, and a corrected form reaches tasks opened afterwards, also in cases started before
 * (as a rule set's new version does). The mapping was checked against the form when the process
 * was published; a version published since that lacks a field the mapping reads would silently
 * write null into the case, so opening the task refuses it (the case fails at the task, naming
 * the field). Pin the version where a form may change incompatibly.
 */
export const taskFormRef = z
  .object({
    key: resourceKey,
    version: z.number().int().positive().optional(),
    /** Case variable ← form field: what of a completed form goes into the case (a field left empty or hidden gives null). */
    mapping: z.record(variableName, fieldKey).optional(),
  })
  .strict();
export type TaskFormRef = z.infer<typeof taskFormRef>;

export const taskNode = z
  .object({
    ...nodeBase,
    type: z.literal('task'),
    title: localizedText,
    /** An inline JSON Schema (for experts); a task has this or `formRef`, not both. */
    form: jsonSchemaObject.optional(),
    formRef: taskFormRef.optional(),
    role: z.string().min(1).max(100).optional(),
    group: z.string().min(1).max(100).optional(),
    output: variableName.optional(),
    /** While the task stays open past this, its `on: "timeout"` edge runs (the task stays open). */
    deadline: durationOrExpression.optional(),
    /** Steps taken while the task stays open (ladder-schema.ts); they stop when it is done. */
    ladder: ladder.optional(),
  })
  .strict();
export const parallelNode = z.object({ ...nodeBase, type: z.literal('parallel') }).strict();
export const joinNode = z.object({ ...nodeBase, type: z.literal('join'), mode: z.enum(['all', 'any']).optional() }).strict();
export const subprocessNode = z
  .object({
    ...nodeBase,
    type: z.literal('subprocess'),
    process: resourceKey,
    version: z.number().int().positive().optional(),
    input: inputMapping.optional(),
    output: variableName.optional(),
  })
  .strict();
/** Sets variables; every entry reads the variables as they were before the node (simultaneous assignment). */
export const assignNode = z
  .object({ ...nodeBase, type: z.literal('assign'), assign: z.record(variableName, expression) })
  .strict();

export const processNode = z.discriminatedUnion('type', [
  startNode,
  endNode,
  activityNode,
  decisionNode,
  gatewayNode,
  timerNode,
  eventNode,
  taskNode,
  parallelNode,
  joinNode,
  subprocessNode,
  assignNode,
]);
export type ProcessNode = z.infer<typeof processNode>;
export type NodeType = ProcessNode['type'];
export type NodeOf<T extends NodeType> = Extract<ProcessNode, { type: T }>;
export const nodeTypes = processNode.options.map((o) => o.shape.type.value) as NodeType[];


export const processEdge = z
  .object({
    id: identifier,
    from: identifier,
    to: identifier,
    /** For a decision: the rule event type that selects this edge. */
    outcome: z.string().min(1).max(100).optional(),
    /** For a gateway: a json-rules-engine condition over the case variables. */
    condition: conditionSchema.optional(),
    default: z.boolean().optional(),
    on: z.enum(['timeout', 'error']).optional(),
    label: localizedText.partial().optional(),
  })
  .strict();
export type ProcessEdge = z.infer<typeof processEdge>;

/**
 * How the editor lays the process out: left to right (the default) or top to bottom. Presentation
 * only, like node positions: nothing that runs a case reads it, and a diff leaves it out.
 */
export const processLayout = z.object({ direction: z.enum(['right', 'down']) }).strict();
export type LayoutDirection = z.infer<typeof processLayout>['direction'];

/**
 * A named set of nodes the editor may draw as one box ("landing test"), collapsed or open.
 * Presentation only, like the layout: nothing that runs a case reads it, and a diff leaves it out.
 */
export const processGroup = z
  .object({
    id: identifier,
    name: localizedText,
    nodes: z.array(identifier).min(1).max(DEFINITION_LIMITS.nodes),
    collapsed: z.boolean().optional(),
  })
  .strict();
export type ProcessGroup = z.infer<typeof processGroup>;

export const processSettings = z
  .object({
    /** Continue-as-new once the run's history passes this many events. */
    historyLimit: z.number().int().min(200).max(40_000).optional(),
  })
  .strict();

export const processDefinition = z
  .object({
    key: resourceKey,
    name: localizedText,
    description: localizedDescription.optional(),
    variables: jsonSchemaObject.optional(),
    settings: processSettings.optional(),
    layout: processLayout.optional(),
    groups: z.array(processGroup).max(200).optional(),
    nodes: z.array(processNode).min(1).max(DEFINITION_LIMITS.nodes),
    edges: z.array(processEdge).max(DEFINITION_LIMITS.edges),
    /** Saved dry runs, run on every save and on publish (process-tests.ts). */
    tests: processTests.optional(),
  })
  .strict();
export type ProcessDefinition = z.infer<typeof processDefinition>;
