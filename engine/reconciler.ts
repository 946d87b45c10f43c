/**
 * Finishes what a crash or an outage left half done between the database and
 * Temporal: case starts still 'starting', task completions still 'completing' and incident
 * resolutions still 'resolving'; and repairs the
 * case projection's drift from Temporal (cases/projection/reconcile.ts).
 * Runs in every API process; each step is conditional, so several reconcilers at
 * once act once.
 */
import type { CaseService } from './cases/case.service';
import type { IncidentService } from './incidents/incident.service';
import type { ProjectionReconciler, ProjectionRepairs } from './cases/projection/reconcile';
import type { Logger } from './logger';
import type { TaskService } from './tasks/task.service';

export interface ReconcilerPass {
  starts: number;
  completions: number;
  resolutions: number;
  projection: ProjectionRepairs;
}

export interface Reconciler {
  /** A pass that starts now or right after the one under way (also what the timer runs). */
  runOnce(): Promise<ReconcilerPass>;
  stop(): Promise<void>;
}

export function startReconciler(deps: { cases: CaseService; tasks: TaskService; incidents: IncidentService; projection: ProjectionReconciler; log: Logger; everyMs: number; graceMs: number }): Reconciler {
  let last: Promise<unknown> = Promise.resolve();
  let stopping = false;
  const pass = async () => {
    const starts = await deps.cases.settleAbandonedStarts();
    const completions = await deps.tasks.redeliverStalled(deps.graceMs);
    const resolutions = await deps.incidents.redeliverStalled(deps.graceMs);
    if (starts || completions || resolutions) deps.log.info({ starts, completions, resolutions }, 'reconciled half-done work');
    const projection = await deps.projection.pass(() => stopping);
    return { starts, completions, resolutions, projection };
  };
  // Passes run one after another; a pass asked for starts after the call, so it sees what was there when asked.
  const runOnce = () => {
    const next = last.catch(() => undefined).then(pass);
    last = next;
    return next;
  };
  // A timer tick while its previous pass still runs adds nothing: passes must not pile up.
  let ticking = false;
  const tick = () => {
    if (ticking) return;
    ticking = true;
    runOnce()
      .catch((err: unknown) => deps.log.warn({ err: (err as Error).message }, 'reconciler pass failed; will try again'))
      .finally(() => {
        ticking = false;
      });
  };
  const timer = setInterval(tick, deps.everyMs);
  timer.unref();
  tick();
  return {
    runOnce,
    async stop() {
      stopping = true;
      clearInterval(timer);
      await last.catch(() => undefined);
    },
  };
}
