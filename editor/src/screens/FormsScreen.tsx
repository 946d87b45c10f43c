/**
 * The form designer: the list of task forms and a new one; a form's fields edited in order beside
 * a live preview rendered as the task page renders it (FormView), the draft saved with the
 * revision it is based on, published with a comment, and its versions. A field's default may be
 * read from a case variable, picked among the variables of a process the designer names. The form's JSON stays
 * visible for experts. Works at 390 px: the editor and the preview stack.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../language';
import { ApiError } from '../api/client';
import type { DocumentDetail, DocumentSummary, PublishRequest } from '../api/documents';
import { createForm, formApi, listForms, type FormDefinition, type FormField } from '../api/forms';
import { listProcesses, processApi } from '../api/processes';
import { variablePaths } from '../model/variablePaths';
import { useCan } from '../auth/session';
import { Field } from '../components/fields/Field';
import { LocalizedTextFields } from '../components/fields/LocalizedTextFields';
import { FieldEditor } from '../components/forms/FieldEditor';
import { FormView } from '../components/forms/FormView';
import { PublishDialog } from '../components/PublishDialog';
import { VersionList } from '../components/versions/VersionList';
import { apiErrorText } from '../i18n/apiErrorText';
import { errorText } from '../i18n/errorText';
import { pickText, useTextSide } from '../i18n/useLocalized';
import { formHref } from '../routes';
import '../styles/forms.css';

function NewForm() {
  const { t } = useTranslation();
  const [key, setKey] = useState('');
  const [name, setName] = useState<{ zh?: string; en?: string } | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const create = async () => {
    setError(null);
    const first: FormField = { key: 'field1', label: { zh: '字段一', en: 'Field 1' }, type: 'text' };
    try {
      await createForm({ key: key.trim(), name: { zh: name?.zh ?? '', en: name?.en ?? '' }, fields: [first] });
      window.location.hash = formHref(key.trim());
    } catch (err) {
      setError(apiErrorText(err, t));
    }
  };
  return (
    <form
      className="new-form"
      onSubmit={(e) => {
        e.preventDefault();
        void create();
      }}
    >
      <h3>{t('forms.new')}</h3>
      <Field label={t('forms.formKey')} hint={t('forms.formKeyHint')}>
        <input value={key} onChange={(e) => setKey(e.target.value)} data-testid="new-form-key" />
      </Field>
      <LocalizedTextFields label={t('forms.name')} value={name} onChange={setName} testId="new-form-name" />
      {error && <p className="field-error">{error}</p>}
      <button type="submit" className="primary" disabled={!key.trim() || !name?.zh || !name?.en} data-testid="new-form-create">
        {t('forms.create')}
      </button>
    </form>
  );
}

/** The forms; read again when `current` or `changes` (a save or a publish in the designer) moves on. */
function FormList({ current, changes }: { current?: string; changes: number }) {
  const { t } = useTranslation();
  const side = useTextSide();
  const can = useCan();
  const [forms, setForms] = useState<DocumentSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    // Only the latest read may show: an earlier one answering late (a save's, after a publish's) would bring back what was before.
    let latest = true;
    void listForms().then(
      (list) => latest && setForms(list),
      (err: unknown) => latest && setError(errorText(err)),
    );
    return () => {
      latest = false;
    };
  }, [current, changes]);
  return (
    <section className="forms-list">
      <h2>{t('forms.title')}</h2>
      {error && <p className="field-error">{error}</p>}
      {forms?.length === 0 && <p className="muted">{t('forms.none')}</p>}
      <ul data-testid="forms-list">
        {forms?.map((f) => (
          <li key={f.key} className={f.key === current ? 'current' : undefined}>
            <a href={formHref(f.key)} data-testid={`form-link-${f.key}`}>
              {pickText(f.name, side) ?? f.key}
            </a>{' '}
            <span className="muted">
              {f.key} · {f.latestVersion === null ? t('forms.unpublished') : `v${f.latestVersion}`}
              {f.hasDraft && ` · ${t('forms.draft')}`}
            </span>
          </li>
        ))}
      </ul>
      {can('form.write') && <NewForm />}
    </section>
  );
}

/**
 * Which process's variables the designer offers for fields' defaults: a form is not tied to one
 * process, so the designer names the process they design it for (it is not stored).
 */
function VariableSource({ onVariables }: { onVariables(paths: string[]): void }) {
  const { t } = useTranslation();
  const [keys, setKeys] = useState<string[]>([]);
  const [key, setKey] = useState('');
  useEffect(() => void listProcesses().then((list) => setKeys(list.filter((p) => p.latestVersion !== null).map((p) => p.key)), () => setKeys([])), []);
  useEffect(() => {
    if (!key) return onVariables([]);
    void processApi.get(key).then(
      (doc) => onVariables(doc.published ? variablePaths(doc.published.definition) : []),
      () => onVariables([]),
    );
  }, [key, onVariables]);
  return (
    <Field label={t('forms.variablesOf')} hint={t('forms.variablesOfHint')}>
      <select value={key} onChange={(e) => setKey(e.target.value)} data-testid="form-variables-of">
        <option value="">—</option>
        {keys.map((k) => (
          <option key={k} value={k}>
            {k}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** The problems at field `index`, by the rest of their path. */
function problemsAt(problems: Problem[], index: number): Map<string, string> {
  const prefix = `fields/${index}/`;
  return new Map(problems.filter((p) => p.path.startsWith(prefix)).map((p) => [p.path.slice(prefix.length), p.message]));
}

function move<T>(list: T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
}

function Designer({ formKey, onChanged }: { formKey: string; onChanged(): void }) {
  const { t } = useTranslation();
  const can = useCan();
  const [doc, setDoc] = useState<DocumentDetail<FormDefinition> | null>(null);
  const [def, setDef] = useState<FormDefinition | null>(null);
  const [revision, setRevision] = useState(0);
  const [dirty, setDirty] = useState(false);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [note, setNote] = useState<{ kind: 'error' | 'saved'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const [preview, setPreview] = useState<Record<string, unknown>>({});
  const [variables, setVariables] = useState<string[]>([]);
  const mayWrite = can('form.write');

  const load = useCallback(async () => {
    try {
      const loaded = await formApi.get(formKey);
      setDoc(loaded);
      setDef(loaded.draft?.definition ?? loaded.published?.definition ?? null);
      setRevision(loaded.draftRevision);
      setDirty(false);
    } catch (err) {
      setNote({ kind: 'error', text: errorText(err) });
    }
  }, [formKey]);
  useEffect(() => void load(), [load]);

  const edit = (next: FormDefinition) => {
    setDef(next);
    setDirty(true);
  };
  const setField = (i: number, field: FormField) => def && edit({ ...def, fields: def.fields.map((f, j) => (j === i ? field : f)) });

  /** Saves the draft; answers its new revision, or null when it was not saved (its problems, if any, are shown). */
  const save = async (): Promise<number | null> => {
    if (!def) return null;
    setBusy(true);
    setNote(null);
    try {
      const saved = await formApi.saveDraft(formKey, def, revision);
      setRevision(saved.draftRevision);
      setProblems(saved.problems);
      setDirty(false);
      setNote({ kind: 'saved', text: saved.problems.length ? t('forms.savedWithProblems', { count: saved.problems.length }) : t('forms.saved') });
      onChanged();
      return saved.draftRevision;
    } catch (err) {
      if (err instanceof ApiError) setProblems(err.problems);
      setNote({ kind: 'error', text: errorText(err) });
      return null;
    } finally {
      setBusy(false);
    }
  };

  const publish = async (request: PublishRequest) => {
    // Unsaved edits are saved first; the publish names the revision that save gave.
    const based = dirty ? await save() : revision;
    if (based === null) return;
    setBusy(true);
    try {
      const published = await formApi.publish(formKey, request, based);
      setNote({ kind: 'saved', text: t('forms.published', { version: published.version }) });
      setProblems([]);
      onChanged();
      await load();
    } catch (err) {
      if (err instanceof ApiError) setProblems(err.problems);
      setNote({ kind: 'error', text: errorText(err) });
    } finally {
      setBusy(false);
    }
  };

  if (!def || !doc) return <section className="form-designer">{note ? <p className="field-error">{note.text}</p> : <p>{t('common.loading')}</p>}</section>;
  const formProblems = problems.filter((p) => !p.path.startsWith('fields/'));
  const newField = (): FormField => {
    let n = def.fields.length + 1;
    while (def.fields.some((f) => f.key === `field${n}`)) n++;
    return { key: `field${n}`, label: { zh: `字段${n}`, en: `Field ${n}` }, type: 'text' };
  };

  return (
    <>
      <section className="form-designer" data-testid="form-designer">
        <div className="form-designer-bar">
          <h2>
            {formKey} <span className="muted">{doc.latestVersion === null ? t('forms.unpublished') : `v${doc.latestVersion}`}</span>
          </h2>
          {mayWrite && (
            <>
              <button type="button" disabled={busy || !dirty} onClick={() => void save()} data-testid="form-save">
                {t('forms.save')}
              </button>
              {can('form.publish') && (
                <button type="button" className="primary" disabled={busy} onClick={() => setPublishing(true)} data-testid="form-publish">
                  {t('forms.publish')}
                </button>
              )}
            </>
          )}
        </div>
        {note && (
          <p className={`form-note ${note.kind}`} role="status" data-testid="form-note">
            {note.text}
          </p>
        )}
        {formProblems.length > 0 && (
          <ul className="form-problems" data-testid="form-problems">
            {formProblems.map((p, i) => (
              <li key={i}>
                <code>{p.path || '/'}</code> {p.message}
              </li>
            ))}
          </ul>
        )}
        <fieldset disabled={!mayWrite} className="form-designer-fields">
          <LocalizedTextFields label={t('forms.name')} value={def.name} onChange={(name) => edit({ ...def, name: { zh: name?.zh ?? '', en: name?.en ?? '' } })} testId="form-name" />
          <VariableSource onVariables={setVariables} />
          <ol className="form-fields">
            {def.fields.map((field, i) => (
              <li key={i}>
                <div className="form-field-bar">
                  <strong>{i + 1}.</strong>
                  <span className="muted">{t(`forms.types.${field.type}`)}</span>
                  <span className="spacer" />
                  <button type="button" className="link" disabled={i === 0} onClick={() => edit({ ...def, fields: move(def.fields, i, i - 1) })} aria-label={t('forms.moveUp')} title={t('forms.moveUp')} data-testid={`form-field-${i}-up`}>
                    ↑
                  </button>
                  <button type="button" className="link" disabled={i === def.fields.length - 1} onClick={() => edit({ ...def, fields: move(def.fields, i, i + 1) })} aria-label={t('forms.moveDown')} title={t('forms.moveDown')} data-testid={`form-field-${i}-down`}>
                    ↓
                  </button>
                  <button type="button" className="icon" disabled={def.fields.length === 1} onClick={() => edit({ ...def, fields: def.fields.filter((_, j) => j !== i) })} aria-label={t('forms.removeField')} title={t('forms.removeField')} data-testid={`form-field-${i}-remove`}>
                    ×
                  </button>
                </div>
                <FieldEditor field={field} index={i} earlier={def.fields.slice(0, i)} problems={problemsAt(problems, i)} variables={variables} onChange={(f) => setField(i, f)} />
              </li>
            ))}
          </ol>
          <button type="button" onClick={() => edit({ ...def, fields: [...def.fields, newField()] })} data-testid="form-add-field">
            + {t('forms.addField')}
          </button>
        </fieldset>
        <details className="form-json">
          <summary>{t('forms.json')}</summary>
          <pre data-testid="form-json">{JSON.stringify(def, null, 2)}</pre>
        </details>
      </section>
      <aside className="form-side">
        <section className="form-preview" data-testid="form-preview">
          <h3>{t('forms.preview')}</h3>
          <p className="muted">{t('forms.previewHint')}</p>
          <div className="task-form">
            <FormView form={def} data={preview} onChange={setPreview} onSubmit={() => setNote({ kind: 'saved', text: t('forms.previewValid') })}>
              <button type="submit" data-testid="form-preview-check">
                {t('forms.previewCheck')}
              </button>
            </FormView>
          </div>
        </section>
        <section>
          <VersionList versions={doc.versions} />
        </section>
      </aside>
      {publishing && <PublishDialog problems={0} busy={busy} onPublish={publish} onClose={() => setPublishing(false)} />}
    </>
  );
}

export function FormsScreen({ formKey }: { formKey?: string }) {
  const [changes, setChanges] = useState(0);
  return (
    <main className={`forms-screen${formKey ? ' with-designer' : ''}`} data-testid="forms-screen">
      <FormList current={formKey} changes={changes} />
      {formKey && <Designer key={formKey} formKey={formKey} onChanged={() => setChanges((n) => n + 1)} />}
    </main>
  );
}
