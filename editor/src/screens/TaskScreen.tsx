/**
 * One task: its form (a designed form through FormView, else rendered with rjsf from the task's
 * JSON Schema; checked again by the server), the deadline counting down, claim / release / complete, the case's context beside it
 * (as the API answers it: masked unless the user may see personal data), the task's history
 * and comments. The form is sent with the revision it was opened at, so a task claimed or
 * reassigned meanwhile refuses it with the server's message instead of being overwritten.
 * The browser checks the form without ajv (taskFormValidator.ts: the CSP forbids eval); the
 * server's own check names fields, shown beside them.
 */
import Form from '@rjsf/core';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getCase, type CaseSnapshot } from '../api/cases';
import { ApiError } from '../api/client';
import { addTaskComment, assignTask, claimTask, completeTask, getTask, taskComments, taskHistory, unclaimTask, type Task, type TaskComment, type TaskEvent } from '../api/tasks';
import { useCan, useSession } from '../auth/session';
import { Countdown } from '../components/Countdown';
import { useOrgUnitNames } from '../hooks/useOrgUnitNames';
import { pickText, useTextSide } from '../i18n/useLocalized';
import { caseFacts } from '../model/caseData';
import { errorSchemaOf, taskFormValidator } from '../model/taskFormValidator';
import { FormView } from '../components/forms/FormView';
import { problemText } from '../i18n/apiErrorText';
import { errorText } from '../i18n/errorText';

const NO_FORM: RJSFSchema = { type: 'object', properties: {} };
const UI: UiSchema = { 'ui:submitButtonOptions': { norender: true } };
const COMMENT_MAX = 2000;

interface Loaded {
  task: Task;
  context: CaseSnapshot | null;
  comments: TaskComment[];
  history: TaskEvent[];
}

function CaseContext({ context }: { context: CaseSnapshot | null }) {
  const { t } = useTranslation();
  if (!context) return <p className="muted">{t('taskPage.caseUnavailable')}</p>;
  const facts = caseFacts(context.variables ?? {}, 40);
  return (
    <>
      <p>
        <code>{context.caseId}</code> <span className={`status status-${context.status}`}>{t(`run.status.${context.status}`, { defaultValue: context.status })}</span>
      </p>
      {facts.length === 0 ? (
        <p className="muted">—</p>
      ) : (
        <dl className="case-facts" data-testid="task-case-facts">
          {facts.map((f) => (
            <div key={f.label}>
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
      )}
    </>
  );
}

function History({ task, events }: { task: Task; events: TaskEvent[] }) {
  const { t, i18n } = useTranslation();
  const when = (at: string) => new Date(at).toLocaleString(i18n.language);
  return (
    <ol className="task-history" data-testid="task-history">
      <li>
        <span className="muted">{when(task.createdAt)}</span> {t('taskPage.opened')}
      </li>
      {events.map((e, i) => (
        <li key={i}>
          <span className="muted">{when(e.at)}</span> {t(`taskPage.events.${e.action}`, { actor: e.actor, defaultValue: `${e.action} (${e.actor})` })}
        </li>
      ))}
    </ol>
  );
}

function Comments({ taskId, comments, canWrite, onAdded }: { taskId: string; comments: TaskComment[]; canWrite: boolean; onAdded(): void }) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const send = async () => {
    setError(null);
    try {
      await addTaskComment(taskId, text);
      setText('');
      onAdded();
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <div data-testid="task-comments">
      {comments.length === 0 && <p className="muted">{t('taskPage.noComments')}</p>}
      <ul className="task-comments">
        {comments.map((c) => (
          <li key={c.id}>
            <strong>{c.author}</strong> <span className="muted">{new Date(c.createdAt).toLocaleString(i18n.language)}</span>
            <p>{c.body}</p>
          </li>
        ))}
      </ul>
      {canWrite && (
        <div className="comment-form">
          <textarea value={text} maxLength={COMMENT_MAX} rows={2} onChange={(e) => setText(e.target.value)} placeholder={t('taskPage.commentHint')} aria-label={t('taskPage.comments')} data-testid="task-comment-text" />
          <button type="button" disabled={!text.trim()} onClick={() => void send()} data-testid="task-comment-send">
            {t('taskPage.send')}
          </button>
          {error && <span className="field-error">{error}</span>}
        </div>
      )}
    </div>
  );
}

/** A supervisor gives the task to an official (by username) or to a work group. */
function AssignForm({ busy, onAssign }: { busy: boolean; onAssign(to: { user: string } | { group: string }): void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<'user' | 'group'>('user');
  const [name, setName] = useState('');
  return (
    <form
      className="assign-form"
      onSubmit={(e) => {
        e.preventDefault();
        onAssign(kind === 'user' ? { user: name.trim() } : { group: name.trim() });
      }}
    >
      <select value={kind} onChange={(e) => setKind(e.target.value as 'user' | 'group')} aria-label={t('taskPage.assignTo')} data-testid="task-assign-kind">
        <option value="user">{t('taskPage.assignUser')}</option>
        <option value="group">{t('taskPage.assignGroup')}</option>
      </select>
      <input value={name} onChange={(e) => setName(e.target.value)} placeholder={kind === 'user' ? t('taskPage.assignUserHint') : t('taskPage.assignGroupHint')} aria-label={t('taskPage.assignTo')} data-testid="task-assign-name" />
      <button type="submit" disabled={busy || !name.trim()} data-testid="task-assign">
        {t('taskPage.assign')}
      </button>
    </form>
  );
}

export function TaskScreen({ taskId }: { taskId: string }) {
  const { t } = useTranslation();
  const side = useTextSide();
  const can = useCan();
  const me = useSession((s) => s.user?.username);
  const unitName = useOrgUnitNames();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [formData, setFormData] = useState<Record<string, unknown>>({});
  const [message, setMessage] = useState<{ kind: 'error' | 'done'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [serverErrors, setServerErrors] = useState<ReturnType<typeof errorSchemaOf> | undefined>(undefined);
  const generation = useRef(0);
  const defaulted = useRef(false);

  const reload = useCallback(async () => {
    // Only the latest reload may show: an older one (say, slowed by the case read) would bring back what was before.
    const mine = ++generation.current;
    try {
      const task = await getTask(taskId);
      const [context, comments, history] = await Promise.all([getCase(task.caseId).catch(() => null), taskComments(taskId), taskHistory(taskId)]);
      if (mine !== generation.current) return;
      // The case's defaults fill the form once, when it is first shown; what the person types or clears afterwards stays.
      if (!defaulted.current && task.formDefaults) {
        defaulted.current = true;
        const defaults = task.formDefaults;
        setFormData((typed) => ({ ...defaults, ...typed }));
      }
      setLoaded({ task, context, comments, history });
      setLoadError(null);
    } catch (err) {
      if (mine === generation.current) setLoadError(errorText(err));
    }
  }, [taskId]);
  useEffect(() => void reload(), [reload]);

  const act = async (what: () => Promise<unknown>, done?: string) => {
    setBusy(true);
    setMessage(null);
    setServerErrors(undefined);
    try {
      await what();
      if (done) setMessage({ kind: 'done', text: done });
    } catch (err) {
      setMessage({ kind: 'error', text: errorText(err) });
      // The server names the form's fields as data/<field>/...: shown beside them.
      if (err instanceof ApiError && err.problems.length) {
        setServerErrors(errorSchemaOf(err.problems.filter((p) => p.path.startsWith('data')).map((p) => ({ property: p.path.replace(/^data/, '').replace(/\//g, '.'), message: problemText(p, t) }))));
      }
    } finally {
      setBusy(false);
      await reload();
    }
  };

  if (loadError) return <main className="screen-message">{t('taskPage.loadFailed', { message: loadError })}</main>;
  if (!loaded) return <p className="screen-message">{t('common.loading')}</p>;
  const { task, context, comments, history } = loaded;
  const open = task.status === 'open';
  const mine = open && task.assignee === me;
  const mayAct = can('task.act');
  const shownFormData = task.status === 'open' ? formData : ((task.data as Record<string, unknown> | null) ?? {});
  const completeButton = mine && (
    <button type="submit" className="primary" disabled={busy} data-testid="task-complete">
      {t('taskPage.complete')}
    </button>
  );

  return (
    <main className="task-page" data-testid="task-page" data-status={task.status}>
      <section className="task-main">
        <p>
          <a href="#/inbox">← {t('taskPage.back')}</a>
        </p>
        <h2 data-testid="task-title">{pickText(task.title, side) ?? task.nodeId}</h2>
        <dl className="task-facts">
          <div>
            <dt>{t('taskPage.status')}</dt>
            <dd data-testid="task-status">{t(`taskPage.statuses.${task.status}`)}</dd>
          </div>
          <div>
            <dt>{t('taskPage.due')}</dt>
            <dd>
              <Countdown dueAt={open ? task.dueAt : null} seconds />
            </dd>
          </div>
          <div>
            <dt>{t('taskPage.holder')}</dt>
            <dd data-testid="task-holder">{task.assignee ?? task.groupName ?? t('inbox.nobody')}</dd>
          </div>
          <div>
            <dt>{t('inbox.orgUnit')}</dt>
            <dd>{unitName(task.orgUnit)}</dd>
          </div>
        </dl>
        {mayAct && open && (
          <div className="task-actions">
            {!task.assignee && (
              <button type="button" className="primary" disabled={busy} onClick={() => void act(() => claimTask(task.id))} data-testid="task-claim">
                {t('taskPage.claim')}
              </button>
            )}
            {(mine || (task.assignee && can('task.assign'))) && (
              <button type="button" disabled={busy} onClick={() => void act(() => unclaimTask(task.id))} data-testid="task-unclaim">
                {t('taskPage.unclaim')}
              </button>
            )}
          </div>
        )}
        {can('task.assign') && open && <AssignForm busy={busy} onAssign={(to) => void act(() => assignTask(task.id, to))} />}
        {message && (
          <p className={`notice ${message.kind === 'error' ? 'error' : 'saved'}`} role="status" data-testid="task-message">
            {message.text}
          </p>
        )}
        <div className="activity-form task-form" data-testid="task-form">
          {task.formDefinition ? (
            <FormView
              form={task.formDefinition}
              data={shownFormData}
              disabled={!mine || busy}
              serverErrors={serverErrors}
              onChange={setFormData}
              onSubmit={(data) => void act(() => completeTask(task.id, data, task.revision), t('taskPage.completed'))}
            >
              {completeButton}
            </FormView>
          ) : (
            <Form
              schema={(task.form as RJSFSchema | null) ?? NO_FORM}
              uiSchema={UI}
              formData={shownFormData}
              validator={taskFormValidator}
              extraErrors={serverErrors}
              disabled={!mine || busy}
              showErrorList={false}
              noHtml5Validate
              onChange={(e) => setFormData(e.formData as Record<string, unknown>)}
              onSubmit={(e) => void act(() => completeTask(task.id, e.formData as Record<string, unknown>, task.revision), t('taskPage.completed'))}
            >
              {completeButton}
            </Form>
          )}
          {open && !mine && mayAct && <p className="muted">{task.assignee ? t('taskPage.heldBy', { who: task.assignee }) : t('taskPage.claimFirst')}</p>}
        </div>
      </section>
      <aside className="task-side">
        <section>
          <h3>{t('taskPage.case')}</h3>
          <CaseContext context={context} />
        </section>
        <section>
          <h3>{t('taskPage.history')}</h3>
          <History task={task} events={history} />
        </section>
        <section>
          <h3>{t('taskPage.comments')}</h3>
          <Comments taskId={task.id} comments={comments} canWrite={mayAct} onAdded={() => void reload()} />
        </section>
      </aside>
    </main>
  );
}
