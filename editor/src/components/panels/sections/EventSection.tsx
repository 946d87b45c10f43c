/** An event wait: the event's name, where its payload goes, and how long to wait before the timeout edge. */
import { useTranslation } from 'react-i18next';
import { DurationField } from '../../fields/DurationField';
import { Field, orUndefined } from '../../fields/Field';
import type { SectionProps } from './types';

export function EventSection({ data, update }: SectionProps<'event'>) {
  const { t } = useTranslation();
  return (
    <>
      <Field label={t('event.name')} hint={t('event.nameHint')}>
        <input value={data.event ?? ''} onChange={(e) => update({ event: e.target.value })} data-testid="field-event" />
      </Field>
      <Field label={t('node.output')} hint={t('node.outputHint')}>
        <input value={data.output ?? ''} onChange={(e) => update({ output: orUndefined(e.target.value) })} data-testid="field-output" />
      </Field>
      <Field label={t('event.timeout')} hint={t('event.timeoutHint')}>
        <DurationField value={data.timeout} onChange={(timeout) => update({ timeout })} testId="field-timeout" />
      </Field>
    </>
  );
}
