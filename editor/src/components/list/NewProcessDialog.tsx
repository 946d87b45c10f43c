/** Creates a process with a key and a bilingual name; it starts as a draft holding a single start node. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { resourceKey } from '../../../../language';
import { createProcess } from '../../api/processes';
import { processHref } from '../../routes';
import { Dialog } from '../Dialog';
import { Field } from '../fields/Field';

export function NewProcessDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const [key, setKey] = useState('');
  const [zh, setZh] = useState('');
  const [en, setEn] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const keyError = key && !resourceKey.safeParse(key).success ? t('newProcess.keyRule') : null;
  const ready = key !== '' && !keyError && zh.trim() !== '' && en.trim() !== '';

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      await createProcess({
        key,
        name: { zh: zh.trim(), en: en.trim() },
        nodes: [{ id: 'start', type: 'start', position: { x: 0, y: 0 } }],
        edges: [],
      });
      window.location.hash = processHref(key);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('newProcess.title')} onClose={onClose} testId="new-process-dialog">
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (ready) void create();
        }}
      >
        <Field label={t('newProcess.key')} hint={t('newProcess.keyHint')} error={keyError}>
          <input value={key} onChange={(e) => setKey(e.target.value.trim())} autoFocus data-testid="new-process-key" />
        </Field>
        <Field label={`${t('process.name')} (${t('lang.zhShort')})`}>
          <input value={zh} onChange={(e) => setZh(e.target.value)} data-testid="new-process-name-zh" />
        </Field>
        <Field label={`${t('process.name')} (${t('lang.enShort')})`}>
          <input value={en} onChange={(e) => setEn(e.target.value)} data-testid="new-process-name-en" />
        </Field>
        {error && <p className="field-error">{error}</p>}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={!ready || busy} data-testid="new-process-create">
            {t('newProcess.create')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
