/**
 * Interpreter vs hand-written workflow: the same 5-step process (3 activities, a
 * gateway, an end), on the same dev server and worker, N cases of each per round,
 * rounds alternating. Prints cases/s for both and their ratio.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createLogger } from '../engine/logger';
import { startDevServer } from '../engine/temporal/dev-server';
import type { ActivityRequest } from '../workflows/activities';
import type { ProcessDefinition } from '../workflows/definition/schema';
import type { ProcessInput } from '../workflows/interpreter/workflow';

const definition: ProcessDefinition = {
  key: 'bench',
  name: { zh: '基准', en: 'Benchmark' },
  nodes: [
    { id: 'start', type: 'start' },
    { id: 'a', type: 'activity', activity: 'benchStep', input: { x: 'x' }, output: 'a' },
    { id: 'b', type: 'activity', activity: 'benchStep', input: { x: 'a.value' }, output: 'b' },
    { id: 'g', type: 'gateway' },
    { id: 'c', type: 'activity', activity: 'benchStep', input: { x: 'b.value' }, output: 'c' },
    { id: 'end', type: 'end', outcome: 'done' },
  ],
  edges: [
    { id: 'e1', from: 'start', to: 'a' },
    { id: 'e2', from: 'a', to: 'b' },
    { id: 'e3', from: 'b', to: 'g' },
    { id: 'e4', from: 'g', to: 'c', condition: { all: [{ fact: 'b', path: 'value', operator: 'greaterThan', value: 2 }] } },
    { id: 'e5', from: 'g', to: 'end', default: true },
    { id: 'e6', from: 'c', to: 'end' },
  ],
};

const activityOptions = { benchStep: { timeout: 'PT60S', retry: { maxAttempts: 5, initialInterval: 'PT1S', backoff: 2 } } };

export interface InterpreterBench {
  interpreter: number;
  handwritten: number;
  ratio: number;
  casesPerRound: number;
  rounds: number;
}

export async function benchInterpreter(casesPerRound = Number(process.env.BENCH_CASES ?? 150), rounds = Number(process.env.BENCH_ROUNDS ?? 6)): Promise<InterpreterBench> {
  const log = createLogger('warn', 'bench');
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // installed already by another bench in this process
  }
  const server = await startDevServer({ namespace: 'default', log });
  const taskQueue = `bench-${randomUUID().slice(0, 8)}`;
  try {
    const bundle = await bundleWorkflowCode({ workflowsPath: path.resolve(__dirname, 'workflows/index.ts'), logger: new DefaultLogger('WARN') });
    const nativeConnection = await NativeConnection.connect({ address: server.address });
    const worker = await Worker.create({
      connection: nativeConnection,
      taskQueue,
      workflowBundle: bundle,
      activities: { benchStep: async (req: ActivityRequest) => ({ value: Number(req.input.x) + 1 }) },
    });
    const running = worker.run();
    const connection = await Connection.connect({ address: server.address });
    const client = new Client({ connection });

    const runBatch = async (kind: 'interpreter' | 'handwritten'): Promise<number> => {
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: casesPerRound }, (_, i) =>
          kind === 'interpreter'
            ? client.workflow.execute('runProcess', {
                taskQueue,
                workflowId: `bench-i-${randomUUID()}`,
                args: [{ definition, version: 1, hash: 'bench', activityOptions, input: { x: i % 5 } } satisfies ProcessInput],
              })
            : client.workflow.execute('handwrittenProcess', { taskQueue, workflowId: `bench-h-${randomUUID()}`, args: [{ x: i % 5 }] }),
        ),
      );
      return casesPerRound / ((performance.now() - t0) / 1000);
    };

    await runBatch('interpreter');
    await runBatch('handwritten');
    const rates = { interpreter: [] as number[], handwritten: [] as number[] };
    for (let r = 0; r < rounds; r++) {
      // Alternate which goes first, so drift in the machine's load hits both alike.
      const order: ('interpreter' | 'handwritten')[] = r % 2 ? ['handwritten', 'interpreter'] : ['interpreter', 'handwritten'];
      for (const kind of order) rates[kind].push(await runBatch(kind));
      process.stdout.write(`  round ${r + 1}/${rounds}: interpreter ${rates.interpreter.at(-1)!.toFixed(1)} cases/s, hand-written ${rates.handwritten.at(-1)!.toFixed(1)} cases/s\n`);
    }
    const eventsOf = async (kind: 'interpreter' | 'handwritten') => {
      const id = `bench-events-${kind}-${randomUUID()}`;
      if (kind === 'interpreter') {
        await client.workflow.execute('runProcess', { taskQueue, workflowId: id, args: [{ definition, version: 1, hash: 'bench', activityOptions, input: { x: 3 } } satisfies ProcessInput] });
      } else {
        await client.workflow.execute('handwrittenProcess', { taskQueue, workflowId: id, args: [{ x: 3 }] });
      }
      const events = (await client.workflow.getHandle(id).fetchHistory()).events ?? [];
      return events.map((e) => Object.keys(e).find((k) => k.endsWith('EventAttributes'))?.replace('EventAttributes', '')).join(' ');
    };
    process.stdout.write(`  history of one case, interpreter:  ${await eventsOf('interpreter')}\n`);
    process.stdout.write(`  history of one case, hand-written: ${await eventsOf('handwritten')}\n`);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const result = { interpreter: median(rates.interpreter), handwritten: median(rates.handwritten), ratio: 0, casesPerRound, rounds };
    result.ratio = result.interpreter / result.handwritten;
    worker.shutdown();
    await running;
    await connection.close();
    await nativeConnection.close();
    return result;
  } finally {
    await server.stop();
  }
}

if (require.main === module) {
  benchInterpreter().then((r) => {
    console.log(`interpreter ${r.interpreter.toFixed(1)} cases/s, hand-written ${r.handwritten.toFixed(1)} cases/s, ratio ${r.ratio.toFixed(3)}`);
  });
}
