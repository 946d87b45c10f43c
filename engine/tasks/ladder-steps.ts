/**
 * A deadline ladder's step, taken (workflows/interpreter/ladder.ts calls this as the climbLadder
 * activity). On a task: the step is taken only while the task is open and only once (the
 * steps-taken counter moves from the step's index to the next in the same statement that checks
 * the task is open), so a retry, or a step that lost the race with the completion, does nothing.
 * Its actions change the task as a supervisor would (group, priority, overdue flag), notices go
 * through the outbox in each person's language, and the step is written to the case log and the
 * audit trail, all in one transaction.
 */
import type { DataSource, EntityManager } from 'typeorm';
import type { ClimbLadderRequest } from '../../workflows/activities';
import type { LadderAction } from '../../workflows/definition/ladder-schema';
import type { Locale } from '../auth/users';
import { appendAudit } from '../audit/append';
import { CaseLogEntity } from '../caselog/case-log.entity';
import type { DutyRole } from '../duty/duty-shift';
import { onDutyAt } from '../duty/on-duty';
import { enqueueNotice } from '../notices/outbox';
import { unitOfCase } from '../orgunits/case-unit';
import { TaskEntity, type TaskRow } from './task.entity';
import { accountNamed, membersOf, type Member } from './task-notices';

export const LADDER_STEP_NOTICE = 'ladder-step';

/** What became of a step: taken now, taken before, or not taken (its task closed first). */
export type StepTaken = 'now' | 'before' | 'closed';

/** The audit trail's actor for what the engine does on a process's behalf. */
const ENGINE_ACTOR = 'engine';

/** What the notice says: of the task (its title) or, without one, of the waiting step (its id). */
const TEXT: Record<Locale, (of: { task?: string; node: string }, step: number, overdue: boolean) => string> = {
  'zh-CN': (of, step, overdue) => `${of.task !== undefined ? `任务「${of.task}」` : `步骤「${of.node}」`}已到时限第${step}级${overdue ? '，已超时' : ''}`,
  en: (of, step, overdue) => `${of.task !== undefined ? `Task "${of.task}"` : `Step "${of.node}"`} reached deadline step ${step}${overdue ? ' and is overdue' : ''}`,
};

function describe(a: LadderAction): string {
  switch (a.do) {
    case 'notify':
      if (!a.to) return 'notify';
      if ('duty' in a.to) return `notify on duty (nobody: group ${a.to.duty})`;
      return `notify ${'group' in a.to ? `group ${a.to.group}` : a.to.user}`;
    case 'reassign':
      return `reassign to ${a.group}`;
    case 'raisePriority':
      return `priority ${a.to}`;
    case 'markOverdue':
      return 'mark overdue';
    case 'startSubprocess':
      // Started by the workflow once the step stands (workflows/interpreter/ladder-subprocess.ts).
      return `start process ${a.process}${a.version ? ` v${a.version}` : ''}`;
  }
}

/** The task after the step's changes (in declared order), and the columns that changed. */
function applied(task: TaskRow, actions: LadderAction[]): { task: TaskRow; set: Partial<TaskRow> } {
  const set: Partial<TaskRow> = {};
  for (const a of actions) {
    if (a.do === 'reassign') Object.assign(set, { groupName: a.group, assignee: null, claimedAt: null });
    if (a.do === 'raisePriority') set.priority = Math.max(set.priority ?? task.priority, a.to);
    if (a.do === 'markOverdue') set.overdue = true;
  }
  return { task: { ...task, ...set }, set };
}

/** Who a notify action reaches; `dutyFallback` names the group told because the unit had nobody on duty. */
interface Recipients {
  people: (Member & { duty?: DutyRole })[];
  dutyFallback?: string;
}

async function recipients(m: EntityManager, to: Extract<LadderAction, { do: 'notify' }>['to'], orgUnit: string, task: TaskRow | undefined): Promise<Recipients> {
  if (to && 'duty' in to) {
    // Whoever is on duty in the unit as the step is taken (the transaction's time); nobody: the group, and the notice says why.
    const onDuty = await onDutyAt(m, [orgUnit]);
    if (onDuty.length) return { people: onDuty.map((p) => ({ username: p.username, locale: p.locale, duty: p.role })) };
    return { people: await membersOf(m, to.duty, orgUnit), dutyFallback: to.duty };
  }
  if (to && 'group' in to) return { people: await membersOf(m, to.group, orgUnit) };
  if (to) return { people: await accountNamed(m, to.user) };
  // To the task's holder, else to its pool's group (the validator allows no other case without `to`).
  if (task?.assignee) return { people: await accountNamed(m, task.assignee) };
  return { people: task?.groupName ? await membersOf(m, task.groupName, orgUnit) : [] };
}

/** What a notice to a unit's duty adds to its text: the person's duty, or that nobody was on duty. */
const DUTY_TEXT: Record<Locale, { leader: string; staff: string; nobody: (group: string) => string }> = {
  'zh-CN': { leader: '（您是当前带班领导）', staff: '（您是当前值班人员）', nobody: (group) => `（当前无人值班，已通知工作组 ${group}）` },
  en: { leader: ' (you are the leader on duty)', staff: ' (you are the staff on duty)', nobody: (group) => ` (nobody was on duty: sent to group ${group})` },
};

/**
 * Takes the step; answers whether it was taken now, had been taken before (a retry of an attempt
 * whose answer was lost), or not at all because its task is no longer open. The workflow starts
 * the step's subprocesses unless it was not taken.
 */
export async function climbLadder(db: DataSource, req: ClimbLadderRequest): Promise<StepTaken> {
  const { meta, index, step, taskId } = req;
  const target = taskId ?? `${meta.caseId}:${meta.nodeId}:${meta.visit}`;
  const orgUnit = taskId ? undefined : await unitOfCase(db, meta.caseId);
  return db.transaction(async (m) => {
    let task: TaskRow | undefined;
    if (taskId) {
      const taken = await m
        .createQueryBuilder()
        .update(TaskEntity)
        .set({ ladderStepsTaken: index + 1 })
        .where(`id = :taskId AND status = 'open' AND ladder_steps_taken = :index`, { taskId, index })
        .execute();
      if (taken.affected !== 1) {
        const now = await m.getRepository(TaskEntity).findOneBy({ id: taskId });
        return now && now.ladderStepsTaken > index ? 'before' : 'closed';
      }
      const before = await m.getRepository(TaskEntity).findOneByOrFail({ id: taskId });
      const { task: after, set } = applied(before, step.actions);
      // A new group's pool: forms opened before are stale, as after a supervisor's reassignment.
      if (Object.keys(set).length) await m.getRepository(TaskEntity).update({ id: taskId }, { ...set, ...('groupName' in set ? { revision: before.revision + 1 } : {}) });
      task = after;
    }
    const logged = await m
      .createQueryBuilder()
      .insert()
      .into(CaseLogEntity)
      .values({ caseId: meta.caseId, nodeId: meta.nodeId, level: 'info', message: `deadline ladder step ${index + 1} (due ${step.at}): ${step.actions.map(describe).join(', ')}`, idempotencyKey: `ladder:${target}:${index}` })
      .orIgnore()
      .returning(['id'])
      .execute();
    // Without a task the case log's key is what makes the step once.
    if (!taskId && logged.raw.length === 0) return 'before';
    const unit = task?.orgUnit ?? orgUnit!;
    const told: string[] = [];
    const noneOnDuty: string[] = [];
    for (const action of step.actions) {
      if (action.do !== 'notify') continue;
      const { people, dutyFallback } = await recipients(m, action.to, unit, task);
      if (dutyFallback !== undefined) noneOnDuty.push(dutyFallback);
      for (const person of people) {
        const title = task && (person.locale === 'en' ? task.title.en : task.title.zh);
        const duty = person.duty ? DUTY_TEXT[person.locale][person.duty] : dutyFallback !== undefined ? DUTY_TEXT[person.locale].nobody(dutyFallback) : '';
        const { created } = await enqueueNotice(m, `${LADDER_STEP_NOTICE}:${target}:${index}:${person.username}`, {
          caseId: meta.caseId,
          channel: 'app',
          recipient: { type: 'user', id: person.username },
          template: LADDER_STEP_NOTICE,
          params: {
            taskId: taskId ?? null,
            nodeId: meta.nodeId,
            step: index + 1,
            at: step.at,
            locale: person.locale,
            text: TEXT[person.locale]({ task: title, node: meta.nodeId }, index + 1, task?.overdue ?? false) + duty,
            ...(action.to && 'duty' in action.to ? { duty: person.duty ?? null, orgUnit: unit, ...(dutyFallback !== undefined ? { noneOnDuty: true, fallbackGroup: dutyFallback } : {}) } : {}),
          },
        });
        if (created) told.push(person.username);
      }
    }
    if (noneOnDuty.length) {
      // The roster had a hole when it mattered: the case log says so beside the step (policy 27's supervisors read it).
      await m
        .createQueryBuilder()
        .insert()
        .into(CaseLogEntity)
        .values({ caseId: meta.caseId, nodeId: meta.nodeId, level: 'warn', message: `nobody on duty in ${unit}: deadline ladder step ${index + 1} told group ${noneOnDuty.join(', ')} instead`, idempotencyKey: `ladder:${target}:${index}:no-duty` })
        .orIgnore()
        .execute();
    }
    await appendAudit(m, {
      actor: ENGINE_ACTOR,
      action: 'ladder_step',
      kind: taskId ? 'task' : 'case',
      key: taskId ?? meta.caseId,
      detail: { caseId: meta.caseId, nodeId: meta.nodeId, step: index + 1, at: step.at, actions: step.actions, ...(told.length ? { notified: told } : {}), ...(noneOnDuty.length ? { noneOnDuty: { orgUnit: unit, toldGroups: noneOnDuty } } : {}) },
    });
    return 'now';
  });
}
