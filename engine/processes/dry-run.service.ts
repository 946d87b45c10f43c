/**
 * Dry runs of a process (workflows/dry-run.ts): a draft, a published version or a definition sent
 * as is, run on the real Temporal server by the sandbox worker, with stubs for chosen steps and
 * fake time. Answers the path taken, what each step did (decisions with their traces) and the end.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowFailedError, type Client } from '@temporalio/client';
import type { Problem } from '../../language';
import { graphProblems } from '../../workflows/definition/graph-checks';
import { failingTestProblem, STUBBABLE, testVerdict } from '../../workflows/definition/process-tests';
import type { ProcessDefinition } from '../../workflows/definition/schema';
import type { KindTests } from '../documents/document-kind';
import { DRY_RUN_WORKFLOW_TYPE, dryRunTaskQueue, type DryRunResult, type DryRunWorkflow } from '../../workflows/dry-run';
import { ValidationError } from '../errors';
import { schemaProblems } from '../http/json-schema';
import type { Services } from '../services';

/** Virtual milliseconds per real millisecond by default: a day of the process passes in 10 ms. */
export const DEFAULT_TIME_SCALE = 8_640_000;

export interface DryRunRequest {
  /** Run this definition (the editor's, unsaved); otherwise `version`, otherwise the draft, otherwise the latest version. */
  definition?: unknown;
  version?: number;
  input: Record<string, unknown>;
  stubs: Record<string, unknown>;
  timeScale: number;
  /** When the run's clock starts (ISO); now when absent. */
  startAt?: string;
}

export interface DryRunAnswer extends DryRunResult {
  /** What ran: 'draft', 'definition' or the version number. */
  ran: 'draft' | 'definition' | number;
  /** The problems of the definition that do not stop it running (they would stop its publish). */
  problems: Problem[];
}

const invalid = (message: string, problems: Problem[]) => new ValidationError('invalid_dry_run', message, problems);

export class DryRunService {
  constructor(
    private readonly services: Services,
    private readonly client: Client,
  ) {}

  /** The definition a request runs, checked: one the interpreter would refuse is a 422 naming its problems. */
  private async definitionOf(key: string, req: DryRunRequest): Promise<{ definition: ProcessDefinition; ran: DryRunAnswer['ran']; problems: Problem[] }> {
    const documents = this.services.documents.processes;
    let content: unknown;
    let ran: DryRunAnswer['ran'];
    if (req.definition !== undefined) [content, ran] = [req.definition, 'definition'];
    else if (req.version !== undefined) [content, ran] = [(await documents.version(key, req.version)).definition, req.version];
    else {
      const doc = await documents.get(key);
      if (doc.draft) [content, ran] = [doc.draft.definition, 'draft'];
      else [content, ran] = [doc.published!.definition, doc.published!.version];
    }
    const inspection = await documents.inspect(content);
    const prefix = (path: string) => (ran === 'definition' ? `definition/${path}` : path);
    if (inspection.structural) throw invalid('the definition is not a process definition', inspection.problems.map((p) => ({ ...p, path: prefix(p.path) })));
    const definition = content as ProcessDefinition;
    if (definition.key !== key) throw invalid(`the definition is of '${definition.key}', not '${key}'`, [{ path: prefix('key'), code: 'key_mismatch', message: `must be '${key}'` }]);
    const blocking = graphProblems(definition);
    if (blocking.length) throw invalid('the process cannot run as drawn', blocking.map((p) => ({ ...p, path: prefix(p.path) })));
    return { definition, ran, problems: inspection.problems };
  }

  /** Stubs only for nodes that exist and can take one. */
  private checkStubs(definition: ProcessDefinition, stubs: Record<string, unknown>): void {
    const problems: Problem[] = [];
    for (const nodeId of Object.keys(stubs)) {
      const node = definition.nodes.find((n) => n.id === nodeId);
      if (!node) problems.push({ path: `stubs/${nodeId}`, code: 'unknown_node', message: `no step '${nodeId}' in the process` });
      else if (!Object.hasOwn(STUBBABLE, node.type)) problems.push({ path: `stubs/${nodeId}`, nodeId, code: 'not_stubbable', message: `a ${node.type} step takes no stub (only ${Object.keys(STUBBABLE).join(', ')})` });
    }
    if (problems.length) throw invalid('some stubs cannot be used', problems);
  }

  async run(key: string, req: DryRunRequest): Promise<DryRunAnswer> {
    const { definition, ran, problems } = await this.definitionOf(key, req);
    this.checkStubs(definition, req.stubs);
    if (definition.variables) {
      const inputProblems = schemaProblems(definition.variables, req.input, 'input');
      if (inputProblems.length) throw invalid('the input does not match the process variables', inputProblems);
    }
    return { ran, problems, ...(await this.execute(definition, typeof ran === 'number' ? ran : 0, req)) };
  }

  /** Runs a checked definition in the sandbox; a run that does not finish is a 422. */
  private async execute(definition: ProcessDefinition, version: number, req: Pick<DryRunRequest, 'input' | 'stubs' | 'timeScale' | 'startAt'>): Promise<DryRunResult> {
    const used = definition.nodes.flatMap((n) => (n.type === 'activity' ? [n.activity] : []));
    const { config } = this.services;
    try {
      return await this.client.workflow.execute<DryRunWorkflow>(DRY_RUN_WORKFLOW_TYPE, {
        taskQueue: dryRunTaskQueue(config.temporal.taskQueue),
        workflowId: `dry-run.${definition.key}.${randomUUID()}`,
        workflowExecutionTimeout: '2 minutes',
        args: [
          {
            definition,
            version,
            activityOptions: this.services.activities.optionsFor(used),
            input: req.input,
            limits: config.caseLimits,
            stubs: req.stubs,
            timeScale: req.timeScale,
            startAt: req.startAt ? Date.parse(req.startAt) : Date.now(),
          },
        ],
      });
    } catch (err) {
      if (err instanceof WorkflowFailedError) throw new ValidationError('dry_run_failed', `the dry run did not finish: ${err.cause?.message ?? err.message}`, []);
      throw err;
    }
  }

  /**
   * The process's own tests (workflows/definition/process-tests.ts), each a dry run of the definition
   * compared with what it expects: the kind's tests, run on every draft save and on publish.
   */
  async test(definition: ProcessDefinition): Promise<KindTests> {
    const tests = definition.tests ?? [];
    if (tests.length === 0) return { report: undefined, failing: [] };
    const results = [];
    for (const test of tests) {
      const run = await this.execute(definition, 0, { input: test.input ?? {}, stubs: test.stubs ?? {}, timeScale: DEFAULT_TIME_SCALE });
      results.push({ name: test.name, ...testVerdict(test, run) });
    }
    const failing: Problem[] = results.flatMap((r, i) => (r.passed ? [] : [failingTestProblem(i, r.name, r.failures)]));
    return { report: { passed: results.filter((r) => r.passed).length, failed: failing.length, results }, failing };
  }
}
