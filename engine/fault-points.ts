/**
 * Named points where a crash would leave work half done. The crash tests set
 * EPI_FAULT_POINT to one name and the process kills itself there, exactly as a
 * power cut would, so recovery is tested on the real code path. Unset: a no-op.
 */
export type FaultPoint = 'case-start:after-row' | 'case-start:after-workflow' | 'task-complete:after-claim' | 'notify:after-store' | 'bulk:after-action';

export function faultPoint(name: FaultPoint): void {
  if (process.env.EPI_FAULT_POINT === name) process.kill(process.pid, 'SIGKILL');
}
