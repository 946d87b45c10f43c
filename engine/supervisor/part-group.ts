import type { PartState } from './restarting-process';

/**
 * Several processes reported as one part (health knows 'temporal' and 'worker'): up only when
 * all are, otherwise as the first that is not, named in the exit reason.
 */
export function combineParts(name: string, states: readonly PartState[]): PartState {
  const restarts = states.reduce((n, s) => n + s.restarts, 0);
  const notUp = states.find((s) => s.status !== 'up');
  if (!notUp) return { name, status: states.length ? 'up' : 'stopped', restarts };
  const lastExit = notUp.lastExit && states.length > 1 ? `${notUp.name}: ${notUp.lastExit}` : notUp.lastExit;
  return { name, status: notUp.status, restarts, lastExit };
}
