/**
 * Interpreter vs hand-written workflow on the same Temporal (the dev server, then the cluster
 * profile), each kind on a worker and bundle of its own in this process, rounds alternating who
 * goes first after a warm-up; each figure is the median of the per-round ratios with its range.
 * Two processes: `plain` (three activities, a gateway, an end) and `decisions` (an activity, two
 * rule decisions, an activity), whose hand-written twin calls the decisions as ordinary
 * activities while the interpreter runs them as local ones. Also reports, from a real history of
 * each, the events and server round trips (workflow and activity tasks) per case.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createLogger } from '../engine/logger';
import { workerSinks } from '../engine/worker/worker';
import { evaluateRuleSet, getCompiled } from '../rules/engine';
import type { RulesRuleSet } from '../rules/ruleset-schema';
import type { ActivityRequest, DecisionRequest, DecisionResult } from '../workflows/activities';
import type { ProcessDefinition } from '../workflows/definition/schema';
import { PROCESS_WORKFLOW_TYPE, type ProcessInput } from '../workflows/process-workflow';
import { costOf, type CaseCost } from './history';
import { formatSpread, median, spreadOf, type RatioSpread } from './rounds';
import { dropDatabases, startBenchTemporal, type BenchTarget } from './targets';

const step = (id: string, x: string) => ({ id, type: 'activity' as const, activity: 'benchStep', input: { x }, output: id });

const plain: ProcessDefinition = {
  key: 'bench',
  name: { zh: '基准', en: 'Benchmark' },
  nodes: [{ id: 'start', type: 'start' }, step('a', 'x'), step('b', 'a.value'), { id: 'g', type: 'gateway' }, step('c', 'b.value'), { id: 'end', type: 'end', outcome: 'done' }],
  edges: [
    { id: 'e1', from: 'start', to: 'a' },
    { id: 'e2', from: 'a', to: 'b' },
    { id: 'e3', from: 'b', to: 'g' },
    { id: 'e4', from: 'g', to: 'c', condition: { all: [{ fact: 'b', path: 'value', operator: 'greaterThan', value: 2 }] } },
    { id: 'e5', from: 'g', to: 'end', default: true },
    { id: 'e6', from: 'c', to: 'end' },
  ],
};

const decisions: ProcessDefinition = {
  key: 'bench-decisions',
  name: { zh: '基准决策', en: 'Benchmark with decisions' },
  nodes: [
    { id: 'start', type: 'start' },
    step('a', 'x'),
    { id: 'adult', type: 'decision', ruleset: 'bench-adult', facts: { age: 'age' } },
    { id: 'triage', type: 'decision', ruleset: 'bench-triage', facts: { test: 'test' } },
    step('b', 'a.value'),
    { id: 'end', type: 'end', outcome: 'done' },
  ],
  edges: [
    { id: 'e1', from: 'start', to: 'a' },
    { id: 'e2', from: 'a', to: 'adult' },
    { id: 'e3', from: 'adult', to: 'triage', default: true },
    { id: 'e4', from: 'triage', to: 'b', default: true },
    { id: 'e5', from: 'b', to: 'end' },
  ],
};

const RULESETS: Record<string, RulesRuleSet> = {
  'bench-adult': {
    key: 'bench-adult',
    name: { zh: '成人', en: 'Adult' },
    kind: 'rules',
    facts: { age: { type: 'number' } },
    rules: [{ name: 'adult', conditions: { all: [{ fact: 'age', operator: 'greaterThanInclusive', value: 18 }] }, event: { type: 'adult', params: { days: 7 } } }],
  },
  'bench-triage': {
    key: 'bench-triage',
    name: { zh: '分诊', en: 'Triage' },
    kind: 'rules',
    facts: { test: { type: 'string', enum: ['positive', 'negative'] } },
    rules: [{ name: 'positive', conditions: { all: [{ fact: 'test', operator: 'equal', value: 'positive' }] }, event: { type: 'hospital' } }],
  },
};

/** The decision activity without a database: the same compiled evaluation, rule sets held here. */
async function evaluateDecision(req: DecisionRequest): Promise<DecisionResult> {
  const result = await evaluateRuleSet(getCompiled(req.ruleset, 1, RULESETS[req.ruleset]), req.facts);
  return { outcome: result.outcome, events: result.events, params: result.events[0]?.params ?? {}, rulesetVersion: 1 };
}

const activityOptions = { benchStep: { timeout: 'PT60S', retry: { maxAttempts: 5, initialInterval: 'PT1S', backoff: 2 } } };

type Kind = 'interpreter' | 'handwritten';

/** The interpreter's workflow module, bundled alone as the bench's interpreter worker runs it. */
const INTERPRETER_WORKFLOWS = path.resolve(__dirname, '../workflows/interpreter/workflow.ts');

interface Workload {
  name: string;
  definition: ProcessDefinition;
  handwritten: string;
  input(i: number): Record<string, unknown>;
}

const WORKLOADS: Workload[] = [
  { name: 'plain', definition: plain, handwritten: 'handwrittenProcess', input: (i) => ({ x: i % 5 }) },
  { name: 'decisions', definition: decisions, handwritten: 'handwrittenDecisions', input: (i) => ({ x: i % 5, age: 10 + (i % 20), test: i % 3 ? 'negative' : 'positive' }) },
];

export interface InterpreterBenchRow {
  target: BenchTarget;
  name: string;
  interpreter: number;
  handwritten: number;
  /** interpreter ÷ hand-written cases per second. */
  ratio: RatioSpread;
  cost: { interpreter: CaseCost; handwritten: CaseCost };
}

export interface InterpreterBench {
  rows: InterpreterBenchRow[];
  casesPerRound: number;
  rounds: number;
}

/** Each kind's workflow bundle, built once for every target. */
type Bundles = Record<Kind, Awaited<ReturnType<typeof bundleWorkflowCode>>>;

/** Both workloads on the Temporal at `address`: a warm-up, then `rounds` alternating rounds of each kind. */
async function benchOn(target: BenchTarget, address: string, bundles: Bundles, casesPerRound: number, rounds: number): Promise<InterpreterBenchRow[]> {
  const queues = { interpreter: `bench-i-${randomUUID().slice(0, 8)}`, handwritten: `bench-h-${randomUUID().slice(0, 8)}` };
  const nativeConnection = await NativeConnection.connect({ address });
  // Each kind in a bundle and worker of its own, as each would be deployed: the hand-written
  // workflows do not load the interpreter's modules (rebuilt for every workflow in the sandbox).
  const workerFor = (kind: Kind) =>
    Worker.create({
      connection: nativeConnection,
      taskQueue: queues[kind],
      workflowBundle: bundles[kind],
      activities: { benchStep: async (req: ActivityRequest) => ({ value: Number(req.input.x) + 1 }), evaluateDecision },
      // The sinks the interpreter calls, as a replay registers them: metrics, and a case projection with nowhere to write.
      sinks: workerSinks(),
    });
  const workers = [await workerFor('interpreter'), await workerFor('handwritten')];
  const running = workers.map((w) => w.run());
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });
  try {
    const runCase = (w: Workload, kind: Kind, i: number, workflowId = `bench-${kind[0]}-${randomUUID()}`) =>
      kind === 'interpreter'
        ? client.workflow.execute(PROCESS_WORKFLOW_TYPE, { taskQueue: queues[kind], workflowId, args: [{ definition: w.definition, version: 1, hash: w.name, activityOptions, input: w.input(i) } satisfies ProcessInput] })
        : client.workflow.execute(w.handwritten, { taskQueue: queues[kind], workflowId, args: [w.input(i)] });
    const runBatch = async (w: Workload, kind: Kind): Promise<number> => {
      const t0 = performance.now();
      await Promise.all(Array.from({ length: casesPerRound }, (_, i) => runCase(w, kind, i)));
      return casesPerRound / ((performance.now() - t0) / 1000);
    };
    const costOfOne = async (w: Workload, kind: Kind) => {
      const id = `bench-cost-${kind}-${randomUUID()}`;
      await runCase(w, kind, 1, id);
      return costOf((await client.workflow.getHandle(id).fetchHistory()).events ?? []);
    };

    const rows: InterpreterBenchRow[] = [];
    for (const w of WORKLOADS) {
      await runBatch(w, 'interpreter');
      await runBatch(w, 'handwritten');
      const rates = { interpreter: [] as number[], handwritten: [] as number[] };
      const ratios: number[] = [];
      for (let r = 0; r < rounds; r++) {
        // Alternate which goes first, so drift in the machine's load hits both alike.
        const order: Kind[] = r % 2 ? ['handwritten', 'interpreter'] : ['interpreter', 'handwritten'];
        for (const kind of order) rates[kind].push(await runBatch(w, kind));
        ratios.push(rates.interpreter[r] / rates.handwritten[r]);
        process.stdout.write(`  ${target} ${w.name} round ${r + 1}/${rounds}: interpreter ${rates.interpreter[r].toFixed(1)} cases/s, hand-written ${rates.handwritten[r].toFixed(1)} cases/s, ratio ${ratios[r].toFixed(3)}\n`);
      }
      rows.push({
        target,
        name: w.name,
        interpreter: median(rates.interpreter),
        handwritten: median(rates.handwritten),
        ratio: spreadOf(ratios),
        cost: { interpreter: await costOfOne(w, 'interpreter'), handwritten: await costOfOne(w, 'handwritten') },
      });
    }
    return rows;
  } finally {
    for (const w of workers) w.shutdown();
    await Promise.all(running);
    await connection.close();
    await nativeConnection.close();
  }
}

export async function benchInterpreter(
  casesPerRound = Number(process.env.BENCH_CASES ?? 100),
  rounds = Number(process.env.BENCH_ROUNDS ?? 6),
  targets = (process.env.BENCH_TARGETS ?? 'dev,cluster').split(',') as BenchTarget[],
): Promise<InterpreterBench> {
  const log = createLogger('warn', 'bench');
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // installed already by another bench in this process
  }
  const bundle = (workflowsPath: string) => bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('WARN') });
  const bundles: Bundles = { interpreter: await bundle(INTERPRETER_WORKFLOWS), handwritten: await bundle(path.resolve(__dirname, 'workflows/handwritten.ts')) };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'epiflow-bench-interpreter-'));
  const databases: string[] = [];
  const rows: InterpreterBenchRow[] = [];
  try {
    for (const target of targets) {
      const server = await startBenchTemporal(target, `epiflow_interp_${randomUUID().slice(0, 6)}`, dir, databases, log);
      try {
        rows.push(...(await benchOn(target, server.address, bundles, casesPerRound, rounds)));
      } finally {
        await server.stop();
      }
    }
  } finally {
    await dropDatabases(databases);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { rows, casesPerRound, rounds };
}

const costText = (c: CaseCost) => `${c.events} events, ${c.roundTrips} round trips, ${c.localActivities} local`;

export function formatInterpreterBench(r: InterpreterBench): string[] {
  return r.rows.map(
    (row) =>
      `interpreter  ${row.target.padEnd(7)} ${row.name.padEnd(9)} ours ${row.interpreter.toFixed(1)} cases/s  hand-written ${row.handwritten.toFixed(1)} cases/s  ratio ${formatSpread(row.ratio, 3)} ` +
      `(target ≥ ${row.name === 'decisions' ? '1.3' : '0.9'}; ${r.rounds} rounds × ${r.casesPerRound} cases)  per case: ours ${costText(row.cost.interpreter)}; hand-written ${costText(row.cost.handwritten)}`,
  );
}

if (require.main === module) {
  benchInterpreter().then((r) => console.log(formatInterpreterBench(r).join('\n')));
}
