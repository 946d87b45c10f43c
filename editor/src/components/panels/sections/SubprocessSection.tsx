/** A subprocess: which process (and optionally which version) runs as a child, with its input and output. */
import { useTranslation } from 'react-i18next';
import { useCatalog } from '../../../catalog';
import { Field, orUndefined } from '../../fields/Field';
import { KeyPicker, VersionInput } from '../../fields/KeyPicker';
import { MappingEditor } from '../../fields/MappingEditor';
import type { SectionProps } from './types';

export function SubprocessSection({ data, update }: SectionProps<'subprocess'>) {
  const { t } = useTranslation();
  const processes = useCatalog((s) => s.processKeys);
  return (
    <>
      <Field label={t('subprocess.process')}>
        <KeyPicker value={data.process} keys={processes} listId="process-keys" onChange={(process) => update({ process })} testId="field-process" />
      </Field>
      <Field label={t('decision.version')} hint={t('subprocess.versionHint')}>
        <VersionInput value={data.version} onChange={(version) => update({ version })} />
      </Field>
      <h4>{t('subprocess.input')}</h4>
      <MappingEditor value={data.input} onChange={(input) => update({ input })} testId="field-input" />
      <Field label={t('node.output')} hint={t('node.outputHint')}>
        <input value={data.output ?? ''} onChange={(e) => update({ output: orUndefined(e.target.value) })} data-testid="field-output" />
      </Field>
    </>
  );
}
