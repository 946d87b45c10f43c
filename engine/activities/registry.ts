/**
 * The activity registry: wraps each declaration into a Temporal activity that
 * validates its input (bad input fails for good, naming the field), builds the
 * handler's context, and checks the output; and serves the metadata to the editor.
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import { z } from 'zod';
import type { ActivityOptionsByName, ActivityRequest } from '../../workflows/activities';
import type { Logger } from '../logger';
import type { Services } from '../services';
import type { ActivityDeclaration } from './define';

export interface ActivityInfo {
  name: string;
  title: { zh: string; en: string };
  description: { zh: string; en: string };
  category: string;
  inputSchema: unknown;
  outputSchema: unknown;
  timeout: string;
  retry: ActivityDeclaration['retry'];
}

function issuesText(err: z.ZodError): string {
  return err.issues.map((i) => `${i.path.length ? i.path.join('.') : '(input)'}: ${i.message}`).join('; ');
}

export class ActivityRegistry {
  private readonly byName = new Map<string, ActivityDeclaration>();

  constructor(declarations: readonly ActivityDeclaration[]) {
    for (const d of declarations) {
      if (this.byName.has(d.name)) throw new Error(`activity '${d.name}' is declared twice`);
      this.byName.set(d.name, d);
    }
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  info(): ActivityInfo[] {
    return [...this.byName.values()].map((d) => ({
      name: d.name,
      title: d.title,
      description: d.description,
      category: d.category,
      inputSchema: z.toJSONSchema(d.input, { io: 'input', unrepresentable: 'any' }),
      outputSchema: z.toJSONSchema(d.output, { unrepresentable: 'any' }),
      timeout: d.timeout,
      retry: d.retry,
    }));
  }

  /** Declared timeouts and retries of the named activities, recorded in a case's start input. */
  optionsFor(names: Iterable<string>): ActivityOptionsByName {
    const out: ActivityOptionsByName = {};
    for (const n of names) {
      const d = this.byName.get(n);
      if (d) out[n] = { timeout: d.timeout, retry: d.retry };
    }
    return out;
  }

  /** The functions the worker registers, keyed by activity name. */
  implementations(services: Services, log: Logger): Record<string, (req: ActivityRequest) => Promise<unknown>> {
    const impls: Record<string, (req: ActivityRequest) => Promise<unknown>> = {};
    for (const d of this.byName.values()) {
      impls[d.name] = async (req: ActivityRequest) => {
        const parsed = d.input.safeParse(req?.input ?? {});
        if (!parsed.success) {
          throw ApplicationFailure.nonRetryable(`activity '${d.name}': invalid input: ${issuesText(parsed.error)}`, 'InvalidActivityInput');
        }
        const info = Context.current().info;
        const meta = req.meta;
        const ctx = {
          idempotencyKey: `${meta.caseId}:${meta.nodeId}:${meta.visit}`,
          meta,
          attempt: info.attempt,
          log: log.child({ activity: d.name, caseId: meta.caseId, nodeId: meta.nodeId, attempt: info.attempt }),
          services,
        };
        const result = await d.handler(parsed.data, ctx);
        const out = d.output.safeParse(result);
        if (!out.success) {
          throw ApplicationFailure.nonRetryable(`activity '${d.name}' returned invalid output: ${issuesText(out.error)}`, 'InvalidActivityOutput');
        }
        return out.data;
      };
    }
    return impls;
  }
}
