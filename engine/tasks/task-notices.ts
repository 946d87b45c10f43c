/**
 * "A task was assigned to you": a notice through the outbox (engine/notices) to each official it
 * concerns, in that official's own language (the account's locale). A task assigned to a group
 * tells the group's members whose org units hold the task's unit; one assigned to a person tells
 * that person. Stored in the caller's transaction, once per task revision and recipient, so a
 * retried step sends nothing twice; the dispatcher delivers it (local or webhook notifier).
 */
import type { EntityManager } from 'typeorm';
import type { LocalizedText } from '../../language';
import type { Locale } from '../auth/users';
import { enqueueNotice } from '../notices/outbox';

export const TASK_ASSIGNED = 'task-assigned';

/** What the notice says, in each language the app speaks. */
const TEXT: Record<Locale, (title: string, group: string | null) => string> = {
  'zh-CN': (title, group) => (group ? `任务「${title}」已分派给您所在的工作组（${group}）` : `任务「${title}」已分派给您`),
  en: (title, group) => (group ? `Task "${title}" was assigned to your group (${group})` : `Task "${title}" was assigned to you`),
};

export interface AssignedTask {
  id: string;
  caseId: string;
  title: LocalizedText;
  orgUnit: string;
  dueAt: Date | string | null;
  revision: number;
}

export interface Member {
  username: string;
  locale: Locale;
}

/** Enabled accounts in `group` whose org units' subtrees hold `orgUnit` (administrators see every unit). */
export async function membersOf(m: EntityManager, group: string, orgUnit: string): Promise<Member[]> {
  return m.query(
    `SELECT u.username, u.locale FROM users u
     WHERE $1 = ANY(u.groups) AND NOT u.disabled
       AND ('admin' = ANY(u.roles) OR EXISTS (
         SELECT 1 FROM org_units mine JOIN org_units t ON t.id = $2
         WHERE mine.id = ANY(u.org_units) AND (t.path = mine.path OR t.path LIKE mine.path || '.%')))
     ORDER BY u.username`,
    [group, orgUnit],
  );
}

/** The enabled account of that name, if there is one. */
export async function accountNamed(m: EntityManager, username: string): Promise<Member[]> {
  return m.query(`SELECT username, locale FROM users WHERE username = $1 AND NOT disabled`, [username]);
}

/** Tells whoever `to` names that the task is theirs (or their group's); answers the usernames told. */
export async function noticeAssigned(m: EntityManager, task: AssignedTask, to: { user: string } | { group: string }): Promise<string[]> {
  const group = 'group' in to ? to.group : null;
  const people: Member[] = group ? await membersOf(m, group, task.orgUnit) : await accountNamed(m, (to as { user: string }).user);
  for (const person of people) {
    const title = person.locale === 'en' ? task.title.en : task.title.zh;
    await enqueueNotice(m, `${TASK_ASSIGNED}:${task.id}:${task.revision}:${person.username}`, {
      caseId: task.caseId,
      channel: 'app',
      recipient: { type: 'user', id: person.username },
      template: TASK_ASSIGNED,
      params: { taskId: task.id, title, group, dueAt: task.dueAt ? new Date(task.dueAt).toISOString() : null, locale: person.locale, text: TEXT[person.locale](title, group) },
    });
  }
  return people.map((p) => p.username);
}
