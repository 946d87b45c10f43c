/**
 * The answers about cases that hold personal data, passed through a request's PiiGate: a case's
 * variables and decisions (classified by the process version the case runs) and tasks
 * (classified by their forms).
 */
import type { ProcessDefinition } from '../../workflows/definition/schema';
import type { DocumentStore } from '../documents/document.store';
import { maskBySchema } from './mask';
import type { PiiGate } from './pii-gate';
import { caseSchema, maskDecision, maskTask, type DecisionData } from './process-pii';

/** Which version of which process a case runs. */
export interface PinnedVersion {
  processKey: string;
  version: number;
}

async function definitionOf(processes: DocumentStore<ProcessDefinition>, at: PinnedVersion): Promise<ProcessDefinition> {
  return (await processes.version(at.processKey, at.version)).content;
}

/** A case's variables as the reader may see them. */
export async function caseVariables(processes: DocumentStore<ProcessDefinition>, gate: PiiGate, caseId: string, at: PinnedVersion, variables: Record<string, unknown>): Promise<Record<string, unknown>> {
  const schema = caseSchema(await definitionOf(processes, at));
  return gate.pass(caseId, 'variables', variables, (v) => maskBySchema(schema, v));
}

/** A case's decisions as the reader may see them. */
export async function caseDecisions<D extends DecisionData>(processes: DocumentStore<ProcessDefinition>, gate: PiiGate, caseId: string, at: PinnedVersion, decisions: D[]): Promise<D[]> {
  if (decisions.length === 0) return decisions;
  const def = await definitionOf(processes, at);
  return gate.pass(caseId, 'decisions', decisions, (all) => {
    const masked = all.map((d) => maskDecision(def, d));
    return { value: masked.map((m) => m.value), found: masked.some((m) => m.found) };
  });
}

/** Tasks as the reader may see them: data and form defaults against each task's form. */
export async function taskAnswers<T extends { caseId: string; form: object | null; data: object | null }>(gate: PiiGate, tasks: T[]): Promise<T[]> {
  const out: T[] = [];
  for (const task of tasks) out.push(await gate.pass(task.caseId, 'task', task, maskTask));
  return out;
}
