/**
 * Cases started and finished, by process, counted where they happen: in the worker, told by
 * the workflow interceptor (workflows/case-metrics.ts) through a sink. Sinks are not called
 * while a workflow replays, so a case counts once however often its history is replayed.
 */
import type { InjectedSinks } from '@temporalio/worker';
import { Counter } from 'prom-client';
import type { CaseMetricsSinks } from '../../workflows/case-metrics';
import { registry } from './registry';

const started = new Counter({
  name: 'epi_cases_started_total',
  help: 'Cases (and subprocess cases) started, by process',
  labelNames: ['process'] as const,
  registers: [registry],
});

const finished = new Counter({
  name: 'epi_cases_finished_total',
  help: 'Cases that ended, by process and outcome (completed, failed, cancelled)',
  labelNames: ['process', 'outcome'] as const,
  registers: [registry],
});

/** The worker's side of the sink. */
export function caseMetricsSinks(): InjectedSinks<CaseMetricsSinks> {
  return {
    caseMetrics: {
      started: { fn: (_info, process) => started.inc({ process }) },
      finished: { fn: (_info, process, outcome) => finished.inc({ process, outcome }) },
    },
  };
}
