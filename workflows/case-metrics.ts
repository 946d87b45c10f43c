/**
 * Tells the worker when a case starts and ends, for its metrics (engine/metrics/cases.ts): a
 * workflow interceptor bundled with the workflow code. It calls a sink, which leaves nothing in
 * the history, and only when the workflow is not replaying, so a replayed case is not counted
 * again. A run that continues as new is the same case: counted neither as ending nor starting.
 */
import { ContinueAsNew, isCancellation, proxySinks, workflowInfo, type Sinks, type WorkflowInterceptorsFactory } from '@temporalio/workflow';
import { PROCESS_WORKFLOW_TYPE, type ProcessInput } from './process-workflow';

export type CaseOutcome = 'completed' | 'failed' | 'cancelled';

export interface CaseMetricsSinks extends Sinks {
  caseMetrics: {
    started(process: string): void;
    finished(process: string, outcome: CaseOutcome): void;
  };
}

const { caseMetrics } = proxySinks<CaseMetricsSinks>();

const live = () => !workflowInfo().unsafe.isReplaying;

export const interceptors: WorkflowInterceptorsFactory = () => ({
  inbound: [
    {
      async execute(input, next) {
        if (workflowInfo().workflowType !== PROCESS_WORKFLOW_TYPE) return next(input);
        const args = input.args[0] as ProcessInput;
        const process = args.definition.key;
        if (!args.resume && live()) caseMetrics.started(process);
        try {
          const result = await next(input);
          if (live()) caseMetrics.finished(process, 'completed');
          return result;
        } catch (err) {
          if (!(err instanceof ContinueAsNew) && live()) caseMetrics.finished(process, isCancellation(err) ? 'cancelled' : 'failed');
          throw err;
        }
      },
    },
  ],
});
