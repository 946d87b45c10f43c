/**
 * Creates a process or a rule set with a key and a bilingual name. It starts as a draft holding the
 * smallest valid definition (model/new-document.ts) and the editor opens on it.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { resourceKey } from '../../../../language';
import { createProcess } from '../../api/processes';
import { createRuleSet } from '../../api/rulesets';
import { starterProcess, starterRuleSet } from '../../model/new-document';
import { processHref, rulesetHref } from '../../routes';
import { Dialog } from '../Dialog';
import { Field } from '../fields/Field';
import { errorText } from '../../i18n/errorText';

export type NewDocumentFor = 'process' | 'ruleset';

export function NewDocumentDialog({ kind, onClose }: { kind: NewDocumentFor; onClose(): void }) {
  const { t } = useTranslation();
  const [key, setKey] = useState('');
  const [zh, setZh] = useState('');
  const [en, setEn] = useState('');
  const [ruleKind, setRuleKind] = useState<'rules' | 'table'>('rules');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const keyError = key && !resourceKey.safeParse(key).success ? t('newDocument.keyRule') : null;
  const ready = key !== '' && !keyError && zh.trim() !== '' && en.trim() !== '';
  const testId = `new-${kind}`;

  const create = async () => {
    setBusy(true);
    setError(null);
    const name = { zh: zh.trim(), en: en.trim() };
    try {
      if (kind === 'process') {
        await createProcess(starterProcess(key, name));
        window.location.hash = processHref(key);
      } else {
        await createRuleSet(starterRuleSet(key, name, ruleKind));
        window.location.hash = rulesetHref(key);
      }
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };

  return (
    <Dialog title={t(kind === 'process' ? 'newDocument.processTitle' : 'newDocument.rulesetTitle')} onClose={onClose} testId={`${testId}-dialog`}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (ready) void create();
        }}
      >
        <Field label={t('newDocument.key')} hint={t(kind === 'process' ? 'newDocument.processKeyHint' : 'newDocument.rulesetKeyHint')} error={keyError}>
          <input value={key} onChange={(e) => setKey(e.target.value.trim())} autoFocus data-testid={`${testId}-key`} />
        </Field>
        <Field label={`${t('process.name')} (${t('lang.zhShort')})`}>
          <input value={zh} onChange={(e) => setZh(e.target.value)} data-testid={`${testId}-name-zh`} />
        </Field>
        <Field label={`${t('process.name')} (${t('lang.enShort')})`}>
          <input value={en} onChange={(e) => setEn(e.target.value)} data-testid={`${testId}-name-en`} />
        </Field>
        {kind === 'ruleset' && (
          <Field label={t('newDocument.ruleKind')}>
            <select value={ruleKind} onChange={(e) => setRuleKind(e.target.value as 'rules' | 'table')} data-testid={`${testId}-kind`}>
              <option value="rules">{t('newDocument.kinds.rules')}</option>
              <option value="table">{t('newDocument.kinds.table')}</option>
            </select>
          </Field>
        )}
        {error && <p className="field-error">{error}</p>}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={!ready || busy} data-testid={`${testId}-create`}>
            {t('newDocument.create')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
