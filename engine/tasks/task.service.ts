/**
 * Human tasks: operators list them and complete them with the data their form asks
 * for. Completion goes through a workflow update, so the caller learns at once
 * whether the case accepted it.
 */
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { completeTaskUpdate } from '../../workflows/messages';
import { NotFoundError, UserError, ValidationError } from '../errors';
import { schemaProblems } from '../http/json-schema';
import type { Services } from '../services';
import { TaskEntity, type TaskStatus } from './task.entity';

export class TaskService {
  constructor(
    private readonly services: Services,
    private readonly client: Client,
  ) {}

  private get repo() {
    return this.services.db.getRepository(TaskEntity);
  }

  async list(q: { status?: TaskStatus; instanceId?: string; role?: string; limit: number }) {
    return this.repo.find({
      where: { ...(q.status ? { status: q.status } : {}), ...(q.instanceId ? { instanceId: q.instanceId } : {}), ...(q.role ? { role: q.role } : {}) },
      order: { createdAt: 'ASC' },
      take: q.limit,
    });
  }

  async get(id: string) {
    const task = await this.repo.findOneBy({ id });
    if (!task) throw new NotFoundError('task', id);
    return task;
  }

  async complete(id: string, data: Record<string, unknown>, actor: string) {
    const task = await this.get(id);
    if (task.status !== 'open') throw new UserError(409, 'task_not_open', `task '${id}' is ${task.status}`);
    if (task.form) {
      const problems = schemaProblems(task.form, data, 'data');
      if (problems.length) throw new ValidationError('invalid_task_data', 'the data does not match the task form', problems);
    }
    try {
      await this.client.workflow.getHandle(task.instanceId).executeUpdate(completeTaskUpdate, { args: [{ taskId: id, data, by: actor }] });
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError) throw new UserError(409, 'task_not_open', `the case refused the completion: ${(err.cause as Error | undefined)?.message ?? err.message}`);
      throw err;
    }
    await this.repo.update({ id }, { status: 'completed', data, completedBy: actor, completedAt: new Date() });
    return this.get(id);
  }
}
