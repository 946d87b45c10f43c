/** An end: the outcome the case finishes with. */
import { useTranslation } from 'react-i18next';
import { Field, orUndefined } from '../../fields/Field';
import type { SectionProps } from './types';

export function EndSection({ data, update }: SectionProps<'end'>) {
  const { t } = useTranslation();
  return (
    <Field label={t('end.outcome')} hint={t('end.outcomeHint')}>
      <input value={data.outcome ?? ''} onChange={(e) => update({ outcome: orUndefined(e.target.value) })} data-testid="field-outcome" />
    </Field>
  );
}
