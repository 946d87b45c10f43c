/**
 * The API and worker processes' side of the supervisor (supervisor.ts): they say when
 * they are ready, hear how the other parts are, and stop when the supervisor is gone —
 * however it went, SIGKILL included, since its end closes the IPC channel.
 */
import type { PartState } from './restarting-process';

/** Ready, with the API's address or a worker's metrics endpoint. */
export type ToSupervisor = { type: 'ready'; url?: string; metricsUrl?: string };
export type FromSupervisor = { type: 'parts'; parts: PartState[] };

export interface SupervisorLink {
  ready(urls: { url?: string; metricsUrl?: string }): void;
  /** The other parts as the supervisor last reported them. */
  parts(): PartState[];
}

/** Undefined when this process was not started by the supervisor. */
export function linkToSupervisor(onSupervisorGone: () => void): SupervisorLink | undefined {
  if (!process.send) return undefined;
  let parts: PartState[] = [];
  process.on('message', (m: FromSupervisor) => {
    if (m?.type === 'parts') parts = m.parts;
  });
  process.on('disconnect', onSupervisorGone);
  return {
    ready: (urls) => process.send?.({ type: 'ready', ...urls } satisfies ToSupervisor),
    parts: () => parts,
  };
}
