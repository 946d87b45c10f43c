/**
 * A worker in a process of its own (`npm run worker`, as an operator adds one), on a test app's
 * task queue: on the cluster profile, test apps run it beside their own worker, so cases move
 * between two worker processes as they do in production.
 */
import type { ChildProcess } from 'node:child_process';
import { runMain, waitForOutput } from './os-processes';

export interface WorkerProcess {
  pid: number;
  stop(): Promise<void>;
}

export async function startWorkerProcess(env: NodeJS.ProcessEnv): Promise<WorkerProcess> {
  const child: ChildProcess = runMain('worker', { LOG_LEVEL: 'warn', ...env });
  try {
    await waitForOutput(child, /epi-flow worker started in/, 60_000);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return {
    pid: child.pid!,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
