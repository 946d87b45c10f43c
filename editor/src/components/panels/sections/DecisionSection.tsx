/** A decision node: which rule set, an optional pinned version, the facts given to it and the result variable. */
import { useTranslation } from 'react-i18next';
import { useCatalog } from '../../../catalog';
import { Field, orUndefined } from '../../fields/Field';
import { KeyPicker, VersionInput } from '../../fields/KeyPicker';
import { MappingEditor } from '../../fields/MappingEditor';
import type { SectionProps } from './types';

export function DecisionSection({ data, update }: SectionProps<'decision'>) {
  const { t } = useTranslation();
  const rulesets = useCatalog((s) => s.rulesetKeys);
  return (
    <>
      <Field label={t('decision.ruleset')} hint={t('decision.rulesetHint')}>
        <KeyPicker value={data.ruleset} keys={rulesets} listId="ruleset-keys" onChange={(ruleset) => update({ ruleset })} testId="field-ruleset" />
      </Field>
      <Field label={t('decision.version')} hint={t('decision.versionHint')}>
        <VersionInput value={data.version} onChange={(version) => update({ version })} />
      </Field>
      <h4>{t('decision.facts')}</h4>
      <p className="muted">{t('decision.factsHint')}</p>
      <MappingEditor value={data.facts} onChange={(facts) => update({ facts })} testId="field-facts" />
      <Field label={t('node.output')} hint={t('node.outputHint')}>
        <input value={data.output ?? ''} onChange={(e) => update({ output: orUndefined(e.target.value) })} data-testid="field-output" />
      </Field>
    </>
  );
}
