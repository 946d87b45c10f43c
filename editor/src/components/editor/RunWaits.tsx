/**
 * What a running test case waits for, as buttons in the run panel: complete its open task with the
 * task's own form (the designed form, else the task's JSON Schema through rjsf), send the event one
 * of its steps waits for (with the payload form CaseActions uses: the declared schema's form, else
 * JSON), and cancel it. Results and refusals are said in the UI language (apiErrorText).
 */
import Form from '@rjsf/core';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProcessDefinition } from '../../../../workflows/definition/schema';
import { cancelCase } from '../../api/caseDetail';
import { request, seg } from '../../api/client';
import type { CaseSnapshot } from '../../api/cases';
import { completeTask, getTask, type Task } from '../../api/tasks';
import { apiErrorText } from '../../i18n/apiErrorText';
import { pickText, useTextSide } from '../../i18n/useLocalized';
import { eventChoices } from '../../model/caseEvents';
import { taskFormValidator } from '../../model/taskFormValidator';
import { EventForm } from '../case/CaseActions';
import { FormView } from '../forms/FormView';
import { wordedErrors } from '../forms/errorWords';

type Data = Record<string, unknown>;
type Message = { ok: boolean; text: string } | null;

const NO_FORM: RJSFSchema = { type: 'object', properties: {} };
const UI: UiSchema = { 'ui:submitButtonOptions': { norender: true } };
const TASK_POLL_MS = 2000;

/** The case's open tasks. */
const openTasks = (caseId: string) => request<Task[]>('GET', `/tasks?caseId=${seg(caseId)}&status=open&limit=20`);

interface RunWaitsProps {
  snapshot: CaseSnapshot;
  definition: ProcessDefinition;
}

export function RunWaits({ snapshot, definition }: RunWaitsProps) {
  const { t } = useTranslation();
  const [tasks, setTasks] = useState<Task[]>([]);
  const [message, setMessage] = useState<Message>(null);
  const { caseId, status, activeNodes } = snapshot;
  const running = status === 'running';
  const where = activeNodes.join(',');

  // The open tasks are read when the case moves, and again every few seconds while it runs (a task
  // opens a moment after its step is entered).
  useEffect(() => {
    if (!running) return setTasks([]);
    let current = true;
    const read = () =>
      openTasks(caseId).then(
        (found) => current && setTasks(found),
        (err: unknown) => current && setMessage({ ok: false, text: apiErrorText(err, t) }),
      );
    void read();
    const timer = setInterval(() => void read(), TASK_POLL_MS);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [caseId, running, where, t]);

  /** Runs an action, then says that it was done (when `done` is given) or why it was refused. */
  const act = async (run: () => Promise<unknown>, done?: string) => {
    setMessage(null);
    try {
      await run();
      if (done) setMessage({ ok: true, text: done });
    } catch (err) {
      setMessage({ ok: false, text: apiErrorText(err, t) });
    }
  };

  const said = message && (
    <p className={message.ok ? 'ok' : 'field-error'} role={message.ok ? 'status' : 'alert'} data-testid="run-message">
      {message.text}
    </p>
  );
  // Once the case has ended there is nothing to answer; what was last done stays said.
  if (!running) return said || null;
  const waitsForEvent = eventChoices(definition, activeNodes).some((c) => c.waiting);
  return (
    <section className="run-waits" data-testid="run-waits">
      <h4>{t('run.waits')}</h4>
      {tasks.map((task) => (
        <TaskCompletion key={task.id} task={task} order={fieldOrder(definition, task.nodeId)} act={act} />
      ))}
      {waitsForEvent && <EventForm caseId={caseId} definition={definition} activeNodes={activeNodes} act={act} setMessage={setMessage} />}
      {tasks.length === 0 && !waitsForEvent && <p className="muted">{t('run.waitsNothing')}</p>}
      <button type="button" className="danger" onClick={() => void act(() => cancelCase(caseId, t('run.cancelReason')), t('run.cancelled'))} data-testid="run-cancel">
        {t('run.cancel')}
      </button>
      {said}
    </section>
  );
}

/** A task node's form fields in the order the process declares them (the stored task's schema may hold them in another). */
function fieldOrder(definition: ProcessDefinition, nodeId: string): string[] {
  const node = definition.nodes.find((n) => n.id === nodeId);
  const properties = node?.type === 'task' ? (node.form as { properties?: object } | undefined)?.properties : undefined;
  return properties ? [...Object.keys(properties), '*'] : ['*'];
}

interface TaskCompletionProps {
  task: Task;
  order: string[];
  act(run: () => Promise<unknown>, done?: string): Promise<void>;
}

/** "Complete this task": opens the task's form, and completes it with what is filled in. */
function TaskCompletion({ task, order, act }: TaskCompletionProps) {
  const { t } = useTranslation();
  const side = useTextSide();
  const [full, setFull] = useState<Task | null>(null);
  const [data, setData] = useState<Data>({});
  const title = pickText(task.title, side) ?? task.nodeId;

  const open = () =>
    void act(async () => {
      const loaded = await getTask(task.id);
      setData(loaded.formDefaults ?? {});
      setFull(loaded);
    });
  const complete = (filled: Data) => {
    if (!full) return;
    void act(() => completeTask(full.id, filled, full.revision), t('run.taskCompleted', { task: title }));
  };
  const submit = (
    <button type="submit" className="primary" data-testid={`run-task-submit-${task.nodeId}`}>
      {t('run.completeTask')}
    </button>
  );

  return (
    <div className="run-task" data-testid={`run-task-${task.nodeId}`}>
      {!full ? (
        <button type="button" className="primary" onClick={open} data-testid={`run-task-open-${task.nodeId}`}>
          {t('run.completeThis', { task: title })}
        </button>
      ) : (
        <>
          <h5>{title}</h5>
          {full.formDefinition ? (
            <FormView form={full.formDefinition} data={data} onChange={setData} onSubmit={complete}>
              {submit}
            </FormView>
          ) : (
            <Form
              className="activity-form"
              idPrefix={`task-${task.nodeId}`}
              schema={(full.form as RJSFSchema | null) ?? NO_FORM}
              uiSchema={{ ...UI, 'ui:order': order }}
              formData={data}
              validator={taskFormValidator}
              transformErrors={(errors) => wordedErrors(t, errors)}
              showErrorList={false}
              noHtml5Validate
              onChange={(e) => setData((e.formData ?? {}) as Data)}
              onSubmit={(e) => complete((e.formData ?? {}) as Data)}
            >
              {submit}
            </Form>
          )}
        </>
      )}
    </div>
  );
}
