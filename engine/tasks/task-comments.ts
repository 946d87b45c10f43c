/**
 * Comments on a task (who said what, when) and its history (the audit trail's entries for it:
 * claimed, released, assigned, commented, completed). Whoever may see a task reads both; whoever
 * may act on it comments. A comment is stored and audited in one transaction.
 */
import type { DataSource } from 'typeorm';
import { appendAudit } from '../audit/append';

/** Longest comment, in characters (the table checks it too). */
export const COMMENT_MAX = 2000;

export interface TaskComment {
  id: string;
  author: string;
  body: string;
  createdAt: string;
}

export interface TaskEvent {
  action: string;
  actor: string;
  at: string;
  detail: Record<string, unknown>;
}

export async function commentsOf(db: DataSource, taskId: string): Promise<TaskComment[]> {
  const rows: { id: string; author: string; body: string; created_at: Date }[] = await db.query(
    `SELECT id::text AS id, author, body, created_at FROM task_comments WHERE task_id = $1 ORDER BY id LIMIT 500`,
    [taskId],
  );
  return rows.map((r) => ({ id: r.id, author: r.author, body: r.body, createdAt: r.created_at.toISOString() }));
}

export async function addComment(db: DataSource, taskId: string, caseId: string, author: string, body: string): Promise<TaskComment> {
  return db.transaction(async (m) => {
    const [row]: { id: string; created_at: Date }[] = await m.query(`INSERT INTO task_comments (task_id, author, body) VALUES ($1, $2, $3) RETURNING id::text AS id, created_at`, [taskId, author, body]);
    await appendAudit(m, { actor: author, action: 'comment', kind: 'task', key: taskId, detail: { caseId, commentId: row.id, length: body.length } });
    return { id: row.id, author, body, createdAt: row.created_at.toISOString() };
  });
}

/** What happened to the task, oldest first, from the audit trail. */
export async function historyOf(db: DataSource, taskId: string): Promise<TaskEvent[]> {
  const rows: { action: string; actor: string; at: Date; detail: Record<string, unknown> }[] = await db.query(
    `SELECT action, actor, at, detail FROM audit_log WHERE kind = 'task' AND key = $1 ORDER BY id LIMIT 500`,
    [taskId],
  );
  return rows.map((r) => ({ action: r.action, actor: r.actor, at: r.at.toISOString(), detail: r.detail }));
}
