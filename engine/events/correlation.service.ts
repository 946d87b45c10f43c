/**
 * Message correlation: an outside system (the lab reporting a nucleic-acid result) delivers an
 * event to the cases waiting for it without knowing their ids, by the person's business key or by
 * a process and a filter. A case is delivered to only while one of its active nodes waits for that
 * event; its payload is checked against the schema the process declares for the event first.
 */
import { In } from 'typeorm';
import type { Client } from '@temporalio/client';
import type { ProcessDefinition } from '../../workflows/definition/schema';
import { eventSignal, stateQuery } from '../../workflows/messages';
import { PROCESS_WORKFLOW_TYPE } from '../../workflows/process-workflow';
import { appendAudit } from '../audit/append';
import type { Principal } from '../auth/principal';
import { caseIdFor, legacyCaseIdFor } from '../cases/business-key';
import { CaseEntity, type CaseRow } from '../cases/case.entity';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { scopeOf } from '../orgunits/scope';
import { hashSecretOf } from '../privacy/hash-secret';
import type { Services } from '../services';
import { eventPayloadProblems, nodesAwaiting } from './event-payload';

/** The most cases one correlation acts on; a filter matching more says so (`more`), and a second call reaches the rest. */
export const CORRELATION_LIMIT = 100;

export interface CorrelationRequest {
  name: string;
  businessKey?: string;
  processKey?: string;
  filter?: { version?: number; node?: string };
  payload?: unknown;
}

/** A case that matched, and whether it waited for the event. */
interface Candidate {
  row: CaseRow;
  status: string;
  definition?: ProcessDefinition;
  activeNodes: string[];
  awaiting: string[];
}

export class CorrelationService {
  private readonly hashSecret: Buffer;

  constructor(
    private readonly services: Services,
    private readonly client: Client,
  ) {
    this.hashSecret = hashSecretOf(services.config);
  }

  async deliver(req: CorrelationRequest, principal: Principal) {
    const { rows, more } = req.businessKey !== undefined ? await this.byBusinessKey(req.businessKey, req.processKey, principal) : await this.byProcess(req.processKey!, principal);
    const versions = new Map<string, Promise<ProcessDefinition>>();
    const definitionOf = (key: string, version: number) => {
      const id = `${key}@${version}`;
      if (!versions.has(id)) versions.set(id, this.services.processes.version(key, version).then((v) => v.content));
      return versions.get(id)!;
    };
    const candidates: Candidate[] = [];
    for (const row of rows) {
      const state = await this.stateOf(row.id);
      if (!state) continue;
      if (state.status !== 'running') {
        candidates.push({ row, status: state.status, activeNodes: [], awaiting: [] });
        continue;
      }
      if (req.filter?.version !== undefined && state.version !== req.filter.version) continue;
      if (req.filter?.node !== undefined && !state.activeNodes.includes(req.filter.node)) continue;
      const definition = await definitionOf(row.processKey, state.version!);
      candidates.push({ row, status: state.status, definition, activeNodes: state.activeNodes, awaiting: nodesAwaiting(definition, state.activeNodes, req.name) });
    }
    if (candidates.length === 0) throw new NotFoundError(req.businessKey !== undefined ? 'no case has that business key' : `no running case of '${req.processKey}' matches`);
    const waiting = candidates.filter((c) => c.awaiting.length > 0);
    if (waiting.length === 0) {
      const where = candidates.map((c) => `case '${c.row.id}' ${c.status !== 'running' ? `is ${c.status}` : `is at ${c.activeNodes.length ? c.activeNodes.map((n) => `'${n}'`).join(', ') : 'no node'}`}`).join('; ');
      throw new ConflictError('event_not_awaited', `no case waits for event '${req.name}': ${where}`);
    }
    // Every payload problem is refused before any case hears of it.
    for (const c of waiting) {
      const problems = eventPayloadProblems(c.definition!, req.name, req.payload ?? null);
      if (problems.length) throw new ValidationError('invalid_payload', `the payload does not match the schema of event '${req.name}'`, problems);
    }
    for (const c of waiting) {
      await this.client.workflow.getHandle(c.row.id).signal(eventSignal, { name: req.name, payload: req.payload ?? null });
      // The event's name, never its payload: that may hold personal data.
      await appendAudit(this.services.db, { actor: principal.username, action: 'event', kind: 'case', key: c.row.id, detail: { name: req.name, correlated: true } });
    }
    return {
      delivered: waiting.map((c) => ({ caseId: c.row.id, nodeId: c.awaiting[0] })),
      notWaiting: candidates.filter((c) => c.awaiting.length === 0).map((c) => ({ caseId: c.row.id, activeNodes: c.activeNodes })),
      more,
    };
  }

  /** The principal's cases of that business key, in every process (or the one named), including ids from before keyed hashes. */
  private async byBusinessKey(businessKey: string, processKey: string | undefined, principal: Principal) {
    const keys = processKey ? [processKey] : ((await this.services.db.query(`SELECT DISTINCT process_key FROM cases`)) as { process_key: string }[]).map((r) => r.process_key);
    const ids = keys.flatMap((k) => [caseIdFor(this.hashSecret, k, businessKey).id, legacyCaseIdFor(k, businessKey)]);
    const rows = ids.length ? await this.services.db.getRepository(CaseEntity).findBy({ id: In(ids) }) : [];
    const scope = await scopeOf(this.services.db, principal);
    return { rows: rows.filter((r) => scope.includes(r.orgUnit)), more: false };
  }

  /** The principal's running cases of a process, from Temporal's visibility (the first CORRELATION_LIMIT). */
  private async byProcess(processKey: string, principal: Principal) {
    const units = (await scopeOf(this.services.db, principal)).unitIds;
    if (units?.length === 0) return { rows: [], more: false };
    // processKey and unit ids are validated identifiers, safe in the query.
    const clauses = [`WorkflowType = '${PROCESS_WORKFLOW_TYPE}'`, `ProcessKey = '${processKey}'`, `ExecutionStatus = 'Running'`];
    if (units) clauses.push(`OrgUnit IN (${units.map((u) => `'${u}'`).join(', ')})`);
    const res = await this.client.workflowService.listWorkflowExecutions({ namespace: this.services.config.temporal.namespace, pageSize: CORRELATION_LIMIT, query: clauses.join(' AND ') });
    const ids = (res.executions ?? []).map((e) => e.execution?.workflowId ?? '');
    // Subprocesses have no row of their own: only cases are correlated.
    const rows = ids.length ? await this.services.db.getRepository(CaseEntity).findBy({ id: In(ids) }) : [];
    return { rows, more: Boolean(res.nextPageToken?.length) };
  }

  /** Where a case stands: its status and, while it runs, its version and active nodes; undefined when Temporal no longer holds it or it cannot answer. */
  private async stateOf(id: string): Promise<{ status: string; version?: number; activeNodes: string[] } | undefined> {
    const handle = this.client.workflow.getHandle(id);
    const desc = await handle.describe().catch(() => undefined);
    if (!desc) return undefined;
    if (desc.status.name !== 'RUNNING') return { status: desc.status.name.toLowerCase(), activeNodes: [] };
    const state = await handle.query(stateQuery).catch(() => undefined);
    return state && { status: 'running', version: state.version, activeNodes: state.activeNodes };
  }
}
