/**
 * What happened around a case besides its nodes: the notices it sent (the outbox and the
 * deliveries made), the events it received (from its Temporal history, the source of truth,
 * payloads masked as its variables are) and its audit trail (the case's rows and those of its
 * tasks and incidents). Each answer is scoped as the case itself is (CaseService.row).
 */
import { isGrpcServiceError, WorkflowNotFoundError, type Client, type WorkflowHandle } from '@temporalio/client';
import { decodeFromPayloadsAtIndex } from '@temporalio/common/lib/internal-non-workflow';
import { In } from 'typeorm';
import type { ProcessDefinition } from '../../workflows/definition/schema';
import { eventSignal, type EventMessage } from '../../workflows/messages';
import { AuditEntity } from '../audit/audit.entity';
import { UserError } from '../errors';
import type { Principal } from '../auth/principal';
import { IncidentEntity } from '../incidents/incident.entity';
import { NoticeDeliveryEntity } from '../notices/notice-delivery.entity';
import { NoticeEntity } from '../notices/notice.entity';
import { maskBySchema, type Masked } from '../privacy/mask';
import { PiiGate } from '../privacy/pii-gate';
import { caseSchema } from '../privacy/process-pii';
import { schemaSet, schemasAt } from '../privacy/schema-walk';
import type { Services } from '../services';
import { TaskEntity } from '../tasks/task.entity';
import type { CaseRow } from './case.entity';

/** More rows than a case page shows: the newest are kept. */
const MAX_ROWS = 500;
/**
 * Runs read back for a case's events: a months-long case continues as new every few thousand
 * history events, and a page must not read all of them (the newest runs hold the events that matter).
 */
const MAX_RUNS = 20;

/** gRPC's NOT_FOUND: fetchHistory passes the service's error on as it came, not as a WorkflowNotFoundError. */
const GRPC_NOT_FOUND = 5;

type HistoryEvent = NonNullable<Awaited<ReturnType<WorkflowHandle['fetchHistory']>>['events']>[number];

export interface CaseNotice {
  id: string;
  channel: string;
  recipient: { type: string; id: string };
  template: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
  /** Each delivery made (at least once: a retried send may deliver twice). */
  deliveries: Date[];
}

export interface CaseEvent {
  name: string;
  receivedAt: string;
  payload: unknown;
}

export class CaseActivity {
  constructor(
    private readonly services: Services,
    private readonly client: Client,
    /** The case's row when the principal may see it (404 otherwise). */
    private readonly rowOf: (id: string, principal: Principal) => Promise<CaseRow>,
  ) {}

  /**
   * The notices the case asked for, newest first. Their template parameters are not answered:
   * no schema says which of them are personal, so none leave the outbox here.
   */
  async notices(id: string, principal: Principal): Promise<CaseNotice[]> {
    await this.rowOf(id, principal);
    const db = this.services.db;
    const rows = await db.getRepository(NoticeEntity).find({ where: { caseId: id }, order: { createdAt: 'DESC' }, take: MAX_ROWS });
    const deliveries = rows.length ? await db.getRepository(NoticeDeliveryEntity).find({ where: { noticeId: In(rows.map((r) => r.id)) }, order: { deliveredAt: 'ASC' } }) : [];
    return rows.map((r) => ({
      id: r.id, channel: r.channel, recipient: r.recipient, template: r.template, status: r.status, attempts: r.attempts,
      lastError: r.lastError, createdAt: r.createdAt, deliveredAt: r.deliveredAt,
      deliveries: deliveries.filter((d) => d.noticeId === r.id).map((d) => d.deliveredAt),
    }));
  }

  /**
   * The events the case received, oldest first, from its Temporal histories: the current run's and,
   * back through each continue-as-new or migration, those of the runs before it (at most MAX_RUNS).
   * A payload is masked against what the case's version says of it: the event nodes' declared
   * schema and the variable they write.
   */
  async events(id: string, principal: Principal): Promise<CaseEvent[]> {
    const row = await this.rowOf(id, principal);
    const converter = this.client.options.loadedDataConverter;
    const events: CaseEvent[] = [];
    for (const e of await this.historyEvents(id)) {
      const signal = e.workflowExecutionSignaledEventAttributes;
      if (signal?.signalName !== eventSignal.name) continue;
      const message = await decodeFromPayloadsAtIndex<EventMessage>(converter, 0, signal.input?.payloads);
      const seconds = Number(e.eventTime?.seconds ?? 0);
      const receivedAt = new Date(seconds * 1000 + Math.floor((e.eventTime?.nanos ?? 0) / 1e6)).toISOString();
      events.push({ name: message.name, receivedAt, payload: message.payload ?? null });
    }
    const definition = (await this.services.processes.version(row.processKey, row.version)).content;
    const gate = new PiiGate(this.services.db, principal);
    const out: CaseEvent[] = [];
    for (const ev of events.slice(-MAX_ROWS)) {
      out.push({ ...ev, payload: await gate.pass(id, 'events', ev.payload, (p) => maskPayload(definition, ev.name, p)) });
    }
    return out;
  }

  /** The events of the case's runs, oldest run first. */
  private async historyEvents(id: string) {
    const runs: HistoryEvent[][] = [];
    let runId: string | undefined;
    do {
      const history = await this.client.workflow
        .getHandle(id, runId)
        .fetchHistory()
        .catch((err: unknown) => {
          // The row outlived the workflow (past Temporal's retention), as GET /api/cases/:id answers it.
          if (err instanceof WorkflowNotFoundError || (isGrpcServiceError(err) && err.code === GRPC_NOT_FOUND)) throw new UserError(410, 'case_expired', `case '${id}' is no longer held by the workflow service`);
          throw err;
        });
      const events = history.events ?? [];
      runs.unshift(events);
      runId = events[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
    } while (runId && runs.length < MAX_RUNS);
    return runs.flat();
  }

  /** The case's audit trail, oldest first: its own rows and those of its tasks and incidents. */
  async audit(id: string, principal: Principal) {
    await this.rowOf(id, principal);
    const db = this.services.db;
    const tasks = await db.getRepository(TaskEntity).find({ where: { caseId: id }, select: { id: true } });
    const incidents = await db.getRepository(IncidentEntity).find({ where: { caseId: id }, select: { id: true } });
    const where = [
      { kind: 'case', key: id },
      ...(tasks.length ? [{ kind: 'task', key: In(tasks.map((t) => t.id)) }] : []),
      ...(incidents.length ? [{ kind: 'incident', key: In(incidents.map((i) => i.id)) }] : []),
    ];
    const rows = await db.getRepository(AuditEntity).find({ where, order: { id: 'DESC' }, take: MAX_ROWS });
    return rows.reverse().map((r) => ({ id: r.id, at: r.at, actor: r.actor, action: r.action, kind: r.kind, key: r.key, detail: r.detail }));
  }
}

/**
 * Masks an event's payload against every schema that classifies it: those its event nodes declare,
 * and the variable each writes it to. One pass per schema (each resolves its own $refs); a mask
 * masked again by the same class stays as it was.
 */
function maskPayload(definition: ProcessDefinition, name: string, payload: unknown): Masked<unknown> {
  const variables = caseSchema(definition);
  const nodes = definition.nodes.flatMap((n) => (n.type === 'event' && n.event === name ? [n] : []));
  const sets = [...nodes.flatMap((n) => (n.payload ? [schemaSet(n.payload)] : [])), ...nodes.flatMap((n) => (n.output ? [schemasAt(variables, n.output, 'property')] : []))];
  let found = false;
  let value = payload;
  for (const set of sets) {
    const masked = maskBySchema(set, value);
    found ||= masked.found;
    value = masked.value;
  }
  return { value, found };
}
