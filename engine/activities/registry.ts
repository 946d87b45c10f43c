/**
 * The activity registry: wraps each declaration into a Temporal activity that
 * validates its input (bad input fails for good, naming the field), builds the
 * handler's context, and checks the output; and serves the metadata to the editor.
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import { z } from 'zod';
import type { ActivityOptionsByName, ActivityRequest } from '../../workflows/activities';
import type { Logger } from '../logger';
import { attemptDeadline, outlastDatabaseOutage } from './database-outage';
import type { ActivityContext, ActivityDeclaration, ActivityServices } from './define';

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

/**
 * A declaration of any domain, as the registry holds it. Its handler gets the adapters the platform
 * composed from its own and its domain's when it started (startPlatform), which these types cannot see.
 */
export type RegisteredActivity = ActivityDeclaration<z.ZodType, z.ZodType, never>;

function issuesText(err: z.ZodError): string {
  return err.issues.map((i) => `${i.path.length ? i.path.join('.') : '(input)'}: ${i.message}`).join('; ');
}

/**
 * A non-retryable failure with the attempt it happened on among its details: the case's incident
 * reports how many attempts were made (workflows/interpreter/incidents.ts), which the workflow
 * cannot otherwise tell when the step gave up before its retries ran out.
 */
function withAttempt(err: unknown, attempt: number): unknown {
  if (!(err instanceof ApplicationFailure) || !err.nonRetryable) return err;
  const noted = ApplicationFailure.create({ message: err.message, type: err.type ?? undefined, nonRetryable: true, details: [...(err.details ?? []), { attempt }], cause: err.cause });
  noted.stack = err.stack;
  return noted;
}

/** What a step must give the activity (defaults filled in by the activity are not required). */
function inputJsonSchema(d: RegisteredActivity): Record<string, unknown> {
  return z.toJSONSchema(d.input, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

export class ActivityRegistry {
  private readonly byName = new Map<string, RegisteredActivity>();
  private inputs: Record<string, Record<string, unknown>> | undefined;

  constructor(declarations: readonly RegisteredActivity[]) {
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

  /** Each activity's input as JSON Schema, by name: what the process validator checks a step's inputs against. */
  inputSchemas(): Record<string, Record<string, unknown>> {
    // Every validation asks; the declarations never change after construction.
    this.inputs ??= Object.fromEntries([...this.byName.values()].map((d) => [d.name, inputJsonSchema(d)]));
    return this.inputs;
  }

  info(): ActivityInfo[] {
    return [...this.byName.values()].map((d) => ({
      name: d.name,
      title: d.title,
      description: d.description,
      category: d.category,
      inputSchema: inputJsonSchema(d),
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
  implementations(services: ActivityServices, log: Logger): Record<string, (req: ActivityRequest) => Promise<unknown>> {
    const impls: Record<string, (req: ActivityRequest) => Promise<unknown>> = {};
    for (const d of this.byName.values()) {
      impls[d.name] = async (req: ActivityRequest) => {
        const parsed = d.input.safeParse(req?.input ?? {});
        if (!parsed.success) {
          throw ApplicationFailure.nonRetryable(`activity '${d.name}': invalid input: ${issuesText(parsed.error)}`, 'InvalidActivityInput');
        }
        const info = Context.current().info;
        const meta = req.meta;
        const ctx: ActivityContext<never> = {
          idempotencyKey: `${meta.caseId}:${meta.nodeId}:${meta.visit}`,
          meta,
          attempt: info.attempt,
          log: log.child({ activity: d.name, caseId: meta.caseId, nodeId: meta.nodeId, attempt: info.attempt }),
          db: services.db,
          adapters: services.adapters as never,
          config: services.config,
        };
        const deadline = attemptDeadline();
        let result: unknown;
        try {
          result = deadline ? await outlastDatabaseOutage(services.db, deadline, () => d.handler(parsed.data, ctx)) : await d.handler(parsed.data, ctx);
        } catch (err) {
          throw withAttempt(err, info.attempt);
        }
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
