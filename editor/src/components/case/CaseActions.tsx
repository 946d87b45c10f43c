/**
 * What a user may do to a running case, each shown only with its permission (the API checks and
 * audits them again): send an event — the ones the case waits for first, its payload as a form
 * when the process declares the event's schema, else as JSON; cancel with a reason; and migrate to
 * another version after a dry run (MigrateDialog).
 */
import Form from '@rjsf/core';
import type { UiSchema } from '@rjsf/utils';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProcessDefinition } from '../../../../workflows/definition/schema';
import { cancelCase, sendCaseEvent } from '../../api/caseDetail';
import { problemText } from '../../i18n/apiErrorText';
import { errorText } from '../../i18n/errorText';
import { ApiError } from '../../api/client';
import { eventChoices } from '../../model/caseEvents';
import { errorSchemaOf, taskFormValidator } from '../../model/taskFormValidator';
import { wordedErrors } from '../forms/errorWords';
import { MigrateDialog } from './MigrateDialog';

const UI: UiSchema = { 'ui:submitButtonOptions': { norender: true } };

interface CaseActionsProps {
  caseId: string;
  definition: ProcessDefinition;
  version: number;
  activeNodes: string[];
  canAct: boolean;
  canMigrate: boolean;
  onDone(): void;
}

type Message = { ok: boolean; text: string } | null;

export function CaseActions({ caseId, definition, version, activeNodes, canAct, canMigrate, onDone }: CaseActionsProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<Message>(null);
  const [migrating, setMigrating] = useState(false);

  const act = async (run: () => Promise<unknown>, done: string) => {
    setMessage(null);
    try {
      await run();
      setMessage({ ok: true, text: done });
      onDone();
    } catch (err) {
      setMessage({ ok: false, text: errorText(err) });
    }
  };
  const cancel = (e: FormEvent) => {
    e.preventDefault();
    void act(() => cancelCase(caseId, reason.trim()), t('casePage.cancelled'));
  };

  return (
    <section className="case-section case-actions" data-testid="case-actions">
      <h2>{t('casePage.actions')}</h2>
      {canAct && <EventForm caseId={caseId} definition={definition} activeNodes={activeNodes} act={act} setMessage={setMessage} />}
      {canAct && (
        <form onSubmit={cancel}>
          <h3>{t('casePage.cancel')}</h3>
          <label>
            {t('casePage.reason')}
            <input value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={500} data-testid="cancel-reason" />
          </label>
          <button type="submit" className="danger" disabled={!reason.trim()} data-testid="cancel-case">
            {t('casePage.cancelCase')}
          </button>
        </form>
      )}
      {canMigrate && (
        <div>
          <h3>{t('casePage.migrate')}</h3>
          <button type="button" onClick={() => setMigrating(true)} data-testid="migrate-open">
            {t('casePage.migrateOpen')}
          </button>
        </div>
      )}
      {message && (
        <p className={message.ok ? 'ok' : 'error'} role={message.ok ? 'status' : 'alert'} data-testid="case-action-message">
          {message.text}
        </p>
      )}
      {migrating && (
        <MigrateDialog
          caseId={caseId}
          definition={definition}
          version={version}
          activeNodes={activeNodes}
          onClose={() => setMigrating(false)}
          onMigrated={(text) => {
            setMigrating(false);
            setMessage({ ok: true, text });
            onDone();
          }}
        />
      )}
    </section>
  );
}

interface EventFormProps {
  caseId: string;
  definition: ProcessDefinition;
  activeNodes: string[];
  act(run: () => Promise<unknown>, done: string): Promise<void>;
  setMessage(m: Message): void;
}

/** Send an event: its payload through the declared schema's form, or as JSON when none is declared (also in the editor's run panel). */
export function EventForm({ caseId, definition, activeNodes, act, setMessage }: EventFormProps) {
  const { t } = useTranslation();
  const choices = eventChoices(definition, activeNodes);
  const [name, setName] = useState(choices[0]?.name ?? '');
  const [json, setJson] = useState('');
  const [formData, setFormData] = useState<Record<string, unknown>>({});
  const [serverErrors, setServerErrors] = useState<ReturnType<typeof errorSchemaOf> | undefined>();
  if (choices.length === 0) return null;
  const chosen = choices.find((c) => c.name === name) ?? choices[0];

  const send = async (payload: unknown) => {
    setServerErrors(undefined);
    await act(async () => {
      try {
        await sendCaseEvent(caseId, chosen.name, payload);
      } catch (err) {
        // The server's check names fields as body/payload/<field>: shown beside them in the form.
        if (err instanceof ApiError && chosen.schema) setServerErrors(errorSchemaOf(err.problems.map((p) => ({ property: p.path.replace(/^body\/payload\/?/, '.').replace(/\//g, '.'), message: problemText(p, t) }))));
        throw err;
      }
      setFormData({});
      setJson('');
    }, t('casePage.eventSent', { event: chosen.name }));
  };
  const sendJson = (e: FormEvent) => {
    e.preventDefault();
    let payload: unknown = null;
    if (json.trim()) {
      try {
        payload = JSON.parse(json);
      } catch {
        setMessage({ ok: false, text: t('casePage.payloadNotJson') });
        return;
      }
    }
    void send(payload);
  };

  const picker = (
    <label>
      {t('casePage.event')}
      <select
        value={chosen.name}
        onChange={(e) => {
          setName(e.target.value);
          setFormData({});
          setServerErrors(undefined);
        }}
        data-testid="event-name"
      >
        {choices.map((c) => (
          <option key={c.name} value={c.name}>
            {c.waiting ? t('casePage.eventWaiting', { event: c.name }) : c.name}
          </option>
        ))}
      </select>
    </label>
  );
  const submit = (
    <button type="submit" className="primary" data-testid="event-send">
      {t('casePage.send')}
    </button>
  );

  return (
    <div className="event-form">
      <h3>{t('casePage.sendEvent')}</h3>
      {chosen.schema ? (
        <>
          {picker}
          <Form
            key={chosen.name}
            schema={chosen.schema}
            uiSchema={UI}
            formData={formData}
            validator={taskFormValidator}
            transformErrors={(errors) => wordedErrors(t, errors, { own: ['residentId', 'fileReference'] })}
            extraErrors={serverErrors}
            showErrorList={false}
            noHtml5Validate
            onChange={(e) => setFormData(e.formData as Record<string, unknown>)}
            onSubmit={(e) => void send(e.formData)}
          >
            {submit}
          </Form>
        </>
      ) : (
        <form onSubmit={sendJson}>
          {picker}
          <label>
            {t('casePage.payload')}
            <textarea value={json} onChange={(e) => setJson(e.target.value)} rows={3} placeholder='{"result": "negative"}' data-testid="event-payload" />
          </label>
          {submit}
        </form>
      )}
    </div>
  );
}
