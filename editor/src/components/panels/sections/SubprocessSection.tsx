/** A subprocess: which process (and optionally which version) runs as a child, with its input and output. */
import { useTranslation } from 'react-i18next';
import { useCatalog } from '../../../catalog';
import { Field, orUndefined } from '../../fields/Field';
import { MappingEditor } from '../../fields/MappingEditor';
import type { SectionProps } from './types';

export function SubprocessSection({ data, update }: SectionProps<'subprocess'>) {
  const { t } = useTranslation();
  const processes = useCatalog((s) => s.processKeys);
  return (
    <>
      <Field label={t('subprocess.process')}>
        <input list="process-keys" value={data.process ?? ''} onChange={(e) => update({ process: e.target.value })} data-testid="field-process" />
        <datalist id="process-keys">
          {processes.map((k) => (
            <option key={k} value={k} />
          ))}
        </datalist>
      </Field>
      <Field label={t('decision.version')} hint={t('subprocess.versionHint')}>
        <input
          type="number"
          min={1}
          value={data.version ?? ''}
          onChange={(e) => update({ version: e.target.value === '' ? undefined : Number(e.target.value) })}
          data-testid="field-version"
        />
      </Field>
      <h4>{t('subprocess.input')}</h4>
      <MappingEditor value={data.input} onChange={(input) => update({ input })} testId="field-input" />
      <Field label={t('node.output')} hint={t('node.outputHint')}>
        <input value={data.output ?? ''} onChange={(e) => update({ output: orUndefined(e.target.value) })} data-testid="field-output" />
      </Field>
    </>
  );
}
