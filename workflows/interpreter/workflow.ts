/**
 * The one generic workflow that runs any published process version. The version's
 * snapshot arrives in the start input, so it is in the history: replay never reads
 * "latest", and a running case keeps its version until an explicit migration.
 */
import {
  allHandlersFinished,
  ApplicationFailure,
  CancellationScope,
  condition,
  continueAsNew,
  isCancellation,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { EngineActivities } from '../activities';
import { graphProblems } from '../definition/graph-checks';
import { migrationTarget, NOT_SINGLE_WAIT } from '../definition/migration-target';
import { resolveLimits } from '../limits';
import { completeTaskUpdate, eventSignal, migrateUpdate, resolveIncidentUpdate, stateQuery, type MigrationRequest } from '../messages';
import type { ProcessInput, ProcessResult, ProcessWorkflow } from '../process-workflow';
import { visitProjection } from '../case-projection';
import { NO_LADDER_READS, replanLaddersUpdate } from '../ladder-replan';
import { CaseRuntime, type CarriedState } from './case-state';
import { checkResolution } from './incidents';
import { describeError, Interpreter, NodeFailure, Suspend } from './interpreter';

const cleanup = proxyActivities<EngineActivities>({ startToCloseTimeout: '30 seconds', retry: { maximumAttempts: 10 } });

/** Where a migration may move the case from now (CaseState.migratableAt): its root path's wait, when nothing else runs. */
function migratableAt(interp: Interpreter): string | undefined {
  return interp.rootWaitingAt !== undefined && interp.runtime.active.length === 1 ? interp.rootWaitingAt : undefined;
}

function checkMigration(interp: Interpreter, req: MigrationRequest): string {
  const { runtime, graph } = interp;
  const current = migratableAt(interp);
  if (runtime.status !== 'running') throw new Error('the case is not running');
  if (interp.migration) throw new Error('a migration of this case is already under way');
  if (!current) throw new Error(NOT_SINGLE_WAIT);
  const target = migrationTarget(current, graph.nodes.get(current)!.type, req.definition, req.version, req.nodeMapping);
  if ('refusal' in target) throw new Error(target.refusal.message);
  return target.toNode;
}

/**
 * The worker's input check: the graph checks of the shared validator. The schema
 * part (zod) ran when the version was published; in the sandbox, where module
 * state is rebuilt for every workflow, importing zod alone cost ~20 ms a case.
 */
function checkInput(args: ProcessInput): void {
  const problems = graphProblems(args.definition);
  if (problems.length) {
    throw ApplicationFailure.nonRetryable(`invalid process definition: ${problems[0].path} ${problems[0].message}`, 'InvalidDefinition', problems);
  }
}

export const runProcess: ProcessWorkflow = async function runProcess(args: ProcessInput): Promise<ProcessResult> {
  if (!args.resume) checkInput(args);
  const carried: CarriedState = args.resume?.state ?? {
    variables: { ...args.input },
    history: [],
    historyDropped: 0,
    visits: {},
    pendingEvents: [],
    run: 1,
  };
  const runtime = new CaseRuntime(args.definition.key, args.version, carried, resolveLimits(args.limits), visitProjection(args.definition, args.version));
  const interp = new Interpreter(args.definition, args.activityOptions, runtime);

  setHandler(stateQuery, () => {
    const at = migratableAt(interp);
    return { ...runtime.snapshot(), ...(at !== undefined ? { migratableAt: at } : {}) };
  });
  setHandler(eventSignal, (ev) => {
    runtime.pendingEvents.push(ev);
  });
  setHandler(
    completeTaskUpdate,
    (c) => {
      runtime.tasks.set(c.taskId, c);
      return { taskId: c.taskId };
    },
    {
      validator: (c) => {
        if (!runtime.tasks.has(c.taskId) || runtime.tasks.get(c.taskId)) throw new Error(`task '${c.taskId}' is not open in this case`);
      },
    },
  );
  setHandler(
    resolveIncidentUpdate,
    (r) => {
      runtime.incidents.get(r.incidentId)!.resolution = r;
      return { incidentId: r.incidentId };
    },
    { validator: (r) => checkResolution(interp.graph, runtime, r) },
  );
  setHandler(replanLaddersUpdate, async (req) => ({ ladders: await interp.replanLadders(req) }), {
    validator: (req) => {
      if (!interp.readsRuleset(req.ruleset)) throw new Error(`${NO_LADDER_READS} '${req.ruleset}'`);
    },
  });
  setHandler(
    migrateUpdate,
    (req) => {
      const toNode = checkMigration(interp, req);
      const fromNode = interp.rootWaitingAt!;
      interp.migration = { ...req, toNode };
      return { fromNode, toNode, toVersion: req.version };
    },
    { validator: (req) => void checkMigration(interp, req) },
  );

  const startId = args.resume?.nodeId ?? args.definition.nodes.find((n) => n.type === 'start')!.id;
  try {
    const end = await interp.runPath(startId, true);
    runtime.status = 'completed';
    runtime.outcome = end.kind === 'end' ? end.outcome : undefined;
    await condition(allHandlersFinished);
    return { outcome: runtime.outcome, variables: runtime.variables };
  } catch (err) {
    if (err instanceof Suspend) {
      await condition(allHandlersFinished);
      const m = interp.migration;
      if (err.reason === 'migrate' && m) {
        // Tasks of the old version would otherwise stay open with no case waiting on them.
        await cleanup.cancelOpenTasks({ caseId: workflowInfo().workflowId });
        return continueAsNew<typeof runProcess>({
          definition: m.definition,
          version: m.version,
          hash: m.hash,
          activityOptions: m.activityOptions,
          input: args.input,
          // The engine's limits now, else the case's own (undefined is left out of the payload).
          limits: m.limits ?? args.limits,
          resume: { nodeId: m.toNode, state: runtime.carry() },
        });
      }
      return continueAsNew<typeof runProcess>({ ...args, resume: { nodeId: err.nodeId, state: runtime.carry() } });
    }
    if (isCancellation(err)) {
      runtime.status = 'cancelled';
      await CancellationScope.nonCancellable(() => cleanup.cancelOpenTasks({ caseId: workflowInfo().workflowId }));
      throw err;
    }
    runtime.status = 'failed';
    const nodeId = err instanceof NodeFailure ? err.nodeId : undefined;
    const code = err instanceof NodeFailure ? err.code : undefined;
    runtime.error = { nodeId, message: describeError(err), ...(code ? { code } : {}) };
    // The details carry what the case projection keeps of the error (workflows/case-projection.ts).
    throw ApplicationFailure.nonRetryable(runtime.error.message, 'ProcessFailed', { nodeId, ...(code ? { code } : {}) });
  }
};
