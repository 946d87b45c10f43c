/**
 * Human tasks: operators list them and complete them with the data their form asks
 * for. Completion goes through a workflow update, so the caller learns at once
 * whether the case accepted it.
 *
 * A completion first claims the row (open → completing, a conditional update: of two
 * concurrent completions one wins, the other gets 409), then delivers it to the case
 * under an update id derived from the task, so delivering twice acts once. Only then is
 * the row completed. A crash or an outage in between leaves 'completing', which the
 * reconciler delivers again; nothing is half-written and nothing is lost.
 *
 * Before that, a task may be claimed (held by one official), released, or assigned by a
 * supervisor to a person or a group; each is a conditional update too, audited, and moves
 * the task's revision on. Only its holder (or anyone, while nobody holds it) completes it, and
 * a form opened at an older revision is refused as stale.
 */
import { isDeepStrictEqual } from 'node:util';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { LessThan, type EntityManager } from 'typeorm';
import { completeTaskUpdate, stateQuery } from '../../workflows/messages';
import type { FormDefinition } from '../../language/forms';
import { formDefaults, readsCase } from '../forms/form-defaults';
import { appendAudit } from '../audit/append';
import { permissionsOf } from '../auth/permissions';
import type { Principal } from '../auth/principal';
import { ConflictError, NotFoundError, UserError, ValidationError } from '../errors';
import { faultPoint } from '../fault-points';
import { schemaProblems } from '../http/json-schema';
import { sealCursor, openCursor } from '../http/cursor';
import { Reply } from '../http/reply';
import { scopeOf } from '../orgunits/scope';
import { taskAnswers } from '../privacy/answers';
import { PiiGate } from '../privacy/pii-gate';
import type { Services } from '../services';
import { TaskEntity, type TaskRow } from './task.entity';
import { INBOX_TABS, pageOrder, whereFilter, whereTab, type InboxTab, type TaskFilter, type TaskSort } from './task-inbox';
import { noticeAssigned } from './task-notices';
import { addComment, commentsOf, historyOf } from './task-comments';
import { deadlineBoard } from './deadline-board';

export interface TaskListQuery extends TaskFilter {
  tab?: InboxTab;
  sort: TaskSort;
  limit: number;
  cursor?: string;
}

/** Whom a task is assigned to: one official (by username) or a work group. */
export type Assignment = { user: string; group?: never } | { group: string; user?: never };

/** How long a task's page waits for its case's variables (its form's defaults) before showing the form without them. */
const DEFAULTS_WAIT_MS = 5_000;

/** How long one delivery to the case may take before the caller is told to retry. */
const DELIVERY_TIMEOUT_MS = 10_000;

export class TaskService {
  constructor(
    private readonly services: Services,
    private readonly client: Client,
  ) {}

  private get repo() {
    return this.services.db.getRepository(TaskEntity);
  }

  /**
   * Tasks within the principal's org units: one inbox tab or all, filtered, in pages. The body is
   * the page; the next page's cursor, if there is one, comes in the X-Next-Cursor header.
   */
  async list({ tab, sort, limit, cursor, ...filter }: TaskListQuery, principal: Principal): Promise<Reply> {
    // A cursor pages only the listing it came from, as seen by whoever it was given to.
    const listing = JSON.stringify({ tab, sort, filter, me: principal.username });
    const after = cursor ? openCursor(cursor, listing, this.services.config.cursorSecret).toString('utf8') : undefined;
    const query = this.repo.createQueryBuilder('t');
    if (tab) whereTab(query, tab, principal);
    whereFilter(query, filter, await scopeOf(this.services.db, principal));
    pageOrder(query, sort, after);
    const rows = await query.limit(limit + 1).getMany();
    const page = rows.slice(0, limit);
    const next = rows.length > limit ? sealCursor(Buffer.from(page[page.length - 1].id), listing, this.services.config.cursorSecret) : undefined;
    return new Reply(await taskAnswers(new PiiGate(this.services.db, principal), page), undefined, next ? { 'x-next-cursor': next } : {});
  }

  /** How many open tasks each inbox tab holds, under the same filters. */
  async counts(filter: TaskFilter, principal: Principal): Promise<Record<InboxTab, number>> {
    const scope = await scopeOf(this.services.db, principal);
    const counts = await Promise.all(
      INBOX_TABS.map(async (tab) => {
        const query = this.repo.createQueryBuilder('t');
        whereTab(query, tab, principal);
        whereFilter(query, filter, scope);
        return [tab, await query.getCount()] as const;
      }),
    );
    return Object.fromEntries(counts) as Record<InboxTab, number>;
  }

  /**
   * One task, when it lies within the principal's org units (404 otherwise, as one that does not
   * exist), with the designed form it opened with, if any, for its page to render.
   */
  async get(id: string, principal: Principal) {
    const task = (await scopeOf(this.services.db, principal)).visible(await this.repo.findOneBy({ id }), 'task', id);
    const gate = new PiiGate(this.services.db, principal);
    const answer = (await taskAnswers(gate, [task]))[0];
    const formDefinition = task.formRef ? (await this.services.forms.version(task.formRef.key, task.formRef.version)).content : null;
    const formDefaults = task.status === 'open' && formDefinition && readsCase(formDefinition) ? await this.defaultsOf(task, formDefinition, gate) : {};
    return { ...answer, formDefinition, formDefaults };
  }

  /** An open task's form defaults, from its case's variables now; none when the case does not answer in time (the form is filled by hand). */
  private async defaultsOf(task: TaskRow, form: FormDefinition, gate: PiiGate): Promise<Record<string, unknown>> {
    try {
      const state = await this.client.connection.withDeadline(Date.now() + DEFAULTS_WAIT_MS, () => this.client.workflow.getHandle(task.caseId).query(stateQuery));
      return await formDefaults(form, { caseId: task.caseId, processKey: state.processKey, version: state.version, variables: state.variables }, this.services.processes, gate);
    } catch (err) {
      if (err instanceof UserError) throw err;
      this.services.log.warn({ taskId: task.id, err: (err as Error).message }, 'form defaults unreadable: the case did not answer');
      return {};
    }
  }

  private async row(id: string): Promise<TaskRow> {
    const task = await this.repo.findOneBy({ id });
    if (!task) throw new NotFoundError('task', id);
    return task;
  }

  /** The row, when it lies within the principal's org units (404 otherwise). */
  private async visibleRow(id: string, principal: Principal): Promise<TaskRow> {
    return (await scopeOf(this.services.db, principal)).visible(await this.repo.findOneBy({ id }), 'task', id);
  }

  /**
   * Completes the task with its form's data. `expectedRevision` is the revision the form was
   * opened at: if the task was claimed, released or reassigned since, the form is stale and refused.
   */
  async complete(id: string, data: Record<string, unknown>, principal: Principal, expectedRevision?: number) {
    const actor = principal.username;
    const task = await this.visibleRow(id, principal);
    if (task.form) {
      const problems = schemaProblems(task.form, data, 'data');
      if (problems.length) throw new ValidationError('invalid_task_data', 'the data does not match the task form', problems);
    }
    const retrying = task.status === 'completing' && task.completedBy === actor && isDeepStrictEqual(task.data, data);
    if (!retrying && !(await this.takeForCompletion(id, data, actor, expectedRevision))) throw stale(await this.row(id), actor, expectedRevision);
    faultPoint('task-complete:after-claim');
    await this.deliver({ ...task, data, completedBy: actor });
    return this.get(id, principal);
  }

  /**
   * open → completing, only if still open, held by nobody or by `actor`, and (when given) still at
   * the form's revision; false when someone else got there first or the task moved on.
   */
  private async takeForCompletion(id: string, data: Record<string, unknown>, actor: string, revision: number | undefined): Promise<boolean> {
    const res = await this.repo
      .createQueryBuilder()
      .update()
      .set({ status: 'completing', data, completedBy: actor, completedAt: new Date() })
      .where(`id = :id AND status = 'open' AND (assignee IS NULL OR assignee = :actor)`, { id, actor })
      .andWhere(revision === undefined ? 'TRUE' : 'revision = :revision', { revision })
      .execute();
    return res.affected === 1;
  }

  /**
   * A conditional change of an open task, audited in the same transaction; the revision moves on.
   * Answers the changed row, or undefined when `condition` no longer held.
   */
  private async change(id: string, condition: string, params: Record<string, unknown>, set: Record<string, unknown>, audit: { actor: string; action: string; detail?: Record<string, unknown> }, after?: (m: EntityManager, row: TaskRow) => Promise<unknown>): Promise<TaskRow | undefined> {
    return this.services.db.transaction(async (m) => {
      const res = await m
        .createQueryBuilder()
        .update(TaskEntity)
        .set({ ...set, revision: () => 'revision + 1' })
        .where(`id = :id AND status = 'open' AND ${condition}`, { ...params, id })
        .execute();
      if (res.affected !== 1) return undefined;
      const row = await m.getRepository(TaskEntity).findOneByOrFail({ id });
      const told = await after?.(m, row);
      await appendAudit(m, { actor: audit.actor, action: audit.action, kind: 'task', key: id, detail: { caseId: row.caseId, revision: row.revision, ...audit.detail, ...(told ? { notified: told } : {}) } });
      return row;
    });
  }

  /** The deadline board of the principal's subtree. */
  async deadlines(filter: { processKey?: string; orgUnit?: string }, principal: Principal) {
    return deadlineBoard(this.services.db, await scopeOf(this.services.db, principal), filter);
  }

  async comments(id: string, principal: Principal) {
    await this.visibleRow(id, principal);
    return commentsOf(this.services.db, id);
  }

  async comment(id: string, body: string, principal: Principal) {
    const task = await this.visibleRow(id, principal);
    return addComment(this.services.db, id, task.caseId, principal.username, body);
  }

  async history(id: string, principal: Principal) {
    await this.visibleRow(id, principal);
    return historyOf(this.services.db, id);
  }

  /** The caller takes the task: of two concurrent claims one wins, the other is told who holds it (409). */
  async claim(id: string, principal: Principal) {
    await this.visibleRow(id, principal);
    const me = principal.username;
    const done = await this.change(id, 'assignee IS NULL', {}, { assignee: me, claimedAt: () => 'now()' }, { actor: me, action: 'claim' });
    if (!done) {
      const now = await this.row(id);
      // Claiming what one holds already changes nothing.
      if (!(now.status === 'open' && now.assignee === me)) throw heldElsewhere(now, me);
    }
    return this.get(id, principal);
  }

  /** The holder gives the task back to its pool; a supervisor (task.assign) may take it from anyone. */
  async unclaim(id: string, principal: Principal) {
    const before = await this.visibleRow(id, principal);
    const me = principal.username;
    const anyone = principal.permissions.has('task.assign');
    const done = await this.change(id, anyone ? 'assignee IS NOT NULL' : 'assignee = :me', { me }, { assignee: null, claimedAt: null }, { actor: me, action: 'unclaim', detail: { from: before.assignee } });
    if (!done) {
      const now = await this.row(id);
      if (now.status !== 'open') throw notOpen(now);
      if (now.assignee === null) throw new ConflictError('task_not_claimed', `task '${id}' is held by nobody`);
      throw new ConflictError('task_held_by_other', `task '${id}' is held by ${now.assignee}: only they or a supervisor may release it`);
    }
    return this.get(id, principal);
  }

  /** Gives the task to an official (who must be able to see it) or to a work group; they are notified. */
  async assign(id: string, to: Assignment, principal: Principal, priority?: number) {
    const before = await this.visibleRow(id, principal);
    if (to.user !== undefined) await this.checkAssignee(to.user, before.orgUnit);
    const set = to.user !== undefined ? { assignee: to.user, claimedAt: () => 'now()' } : { assignee: null, claimedAt: null, groupName: to.group };
    const done = await this.change(
      id,
      'TRUE',
      {},
      { ...set, ...(priority === undefined ? {} : { priority }) },
      { actor: principal.username, action: 'assign', detail: { from: before.assignee ?? (before.groupName && { group: before.groupName }), to, priority } },
      (m, row) => noticeAssigned(m, row, to.user !== undefined ? { user: to.user } : { group: to.group! }),
    );
    if (!done) throw notOpen(await this.row(id));
    return this.get(id, principal);
  }

  /** An assignee is an enabled account that may act on tasks and sees the task's unit; 422 naming body/user otherwise. */
  private async checkAssignee(username: string, orgUnit: string): Promise<void> {
    const user = await this.services.auth.users.find({ username });
    const why = !user || user.disabled ? 'is no enabled account' : !permissionsOf(user.roles).has('task.act') ? 'may not act on tasks' : !(await scopeOf(this.services.db, user)).includes(orgUnit) ? `does not work in the task's org unit (${orgUnit})` : undefined;
    if (why) throw new ValidationError('invalid_assignee', `'${username}' ${why}`, [{ path: 'body/user', code: 'invalid_assignee', message: why }]);
  }

  /** Hands a claimed completion to its case and records the outcome on the row. */
  private async deliver(task: TaskRow): Promise<void> {
    const handle = this.client.workflow.getHandle(task.caseId);
    try {
      await this.client.connection.withDeadline(Date.now() + DELIVERY_TIMEOUT_MS, () =>
        handle.executeUpdate(completeTaskUpdate, { updateId: `complete:${task.id}`, args: [{ taskId: task.id, data: task.data as Record<string, unknown>, by: task.completedBy! }] }),
      );
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError || err instanceof WorkflowNotFoundError) {
        // The case no longer waits for this task (it ended or moved on): the claim is undone.
        const running = await handle.describe().then((d) => d.status.name === 'RUNNING', () => false);
        await this.repo.update({ id: task.id, status: 'completing' }, running ? { status: 'open', data: null, completedBy: null, completedAt: null } : { status: 'cancelled' });
        const why = err instanceof WorkflowUpdateFailedError ? ((err.cause as Error | undefined)?.message ?? err.message) : 'the case has ended';
        throw new ConflictError('task_not_open', `the case refused the completion: ${why}`);
      }
      // Not delivered, or not known to be: the row stays 'completing' for a retry or the reconciler.
      throw err;
    }
    // The completion took effect: audited once, under whoever completed it (the reconciler may be the one delivering).
    await this.services.db.transaction(async (m) => {
      const done = await m.getRepository(TaskEntity).update({ id: task.id, status: 'completing' }, { status: 'completed' });
      if (done.affected === 1) await appendAudit(m, { actor: task.completedBy!, action: 'complete', kind: 'task', key: task.id, detail: { caseId: task.caseId } });
    });
  }

  /** Delivers completions left 'completing' by a crash or an outage; answers how many it finished. */
  async redeliverStalled(olderThanMs: number): Promise<number> {
    const stalled = await this.repo.find({ where: { status: 'completing', completedAt: LessThan(new Date(Date.now() - olderThanMs)) }, take: 200 });
    let done = 0;
    for (const task of stalled) {
      try {
        await this.deliver(task);
        done++;
      } catch (err) {
        if (err instanceof UserError) done++;
        else this.services.log.warn({ taskId: task.id, err: (err as Error).message }, 'could not deliver a task completion yet');
      }
    }
    return done;
  }
}

function notOpen(task: TaskRow): ConflictError {
  if (task.status === 'completing') return new ConflictError('task_busy', `task '${task.id}' is being completed by ${task.completedBy}`);
  if (task.status === 'completed') return new ConflictError('task_not_open', `task '${task.id}' was completed by ${task.completedBy} at ${task.completedAt?.toISOString()}`);
  return new ConflictError('task_not_open', `task '${task.id}' is ${task.status}`);
}

/** Why a claim failed: the task closed, or someone else holds it. */
function heldElsewhere(task: TaskRow, me: string): ConflictError {
  if (task.status !== 'open') return notOpen(task);
  return new ConflictError('task_claimed', `task '${task.id}' was claimed by ${task.assignee === me ? 'you' : task.assignee} first`);
}

/** Why a completion was refused: the form was filled for a task that has moved on meanwhile. */
function stale(task: TaskRow, actor: string, revision: number | undefined): ConflictError {
  const unsent = 'your form was not sent; reload the task';
  if (task.status !== 'open') {
    const why = notOpen(task);
    return new ConflictError(why.code, `${why.message}: ${unsent}`);
  }
  if (task.assignee !== null && task.assignee !== actor) return new ConflictError('task_reassigned', `task '${task.id}' is now held by ${task.assignee}: ${unsent}`);
  return new ConflictError('task_stale', `task '${task.id}' changed since you opened it (revision ${revision} → ${task.revision}: claimed, released or reassigned): ${unsent}`);
}
