/**
 * The benchmark's baselines, written by hand as Temporal workflows: the same processes as
 * bench/interpreter.bench.ts. `handwrittenProcess`: three activities, a gateway, an end.
 * `handwrittenDecisions`: an activity, two rule decisions, an activity, the decisions through
 * ordinary activities as a hand-written workflow would call them.
 */
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { ActivityRequest, DecisionRequest, DecisionResult } from '../../workflows/activities';

const { benchStep, evaluateDecision } = proxyActivities<{
  benchStep(req: ActivityRequest): Promise<{ value: number }>;
  evaluateDecision(req: DecisionRequest): Promise<DecisionResult>;
}>({
  startToCloseTimeout: 60_000,
  retry: { maximumAttempts: 5, initialInterval: 1000, backoffCoefficient: 2 },
});

const meta = (nodeId: string) => ({ caseId: workflowInfo().workflowId, processKey: 'bench', version: 1, nodeId, visit: 1 });

export async function handwrittenProcess(input: { x: number }): Promise<{ outcome: string; variables: Record<string, unknown> }> {
  const a = await benchStep({ input: { x: input.x }, meta: meta('a') });
  const b = await benchStep({ input: { x: a.value }, meta: meta('b') });
  const c = b.value > 2 ? await benchStep({ input: { x: b.value }, meta: meta('c') }) : b;
  return { outcome: 'done', variables: { a, b, c } };
}

export async function handwrittenDecisions(input: { x: number; age: number; test: string }): Promise<{ outcome: string; variables: Record<string, unknown> }> {
  const a = await benchStep({ input: { x: input.x }, meta: meta('a') });
  const adult = await evaluateDecision({ ruleset: 'bench-adult', facts: { age: input.age }, meta: meta('adult') });
  const triage = await evaluateDecision({ ruleset: 'bench-triage', facts: { test: input.test }, meta: meta('triage') });
  const b = await benchStep({ input: { x: a.value }, meta: meta('b') });
  return { outcome: triage.outcome ?? 'done', variables: { a, adult, triage, b } };
}
