/** An activity node: which activity, its input mapping form, result variable, timeout and retry. */
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalog } from '../../../catalog';
import { useTextSide, pickText } from '../../../i18n/useLocalized';
import { DurationField } from '../../fields/DurationField';
import { Field, orUndefined } from '../../fields/Field';
import type { SectionProps } from './types';

/** @rjsf and its JSON Schema validator load with the first activity form, not with the canvas. */
const ActivityInputForm = lazy(() => import('../ActivityInputForm').then((m) => ({ default: m.ActivityInputForm })));

export function ActivitySection({ data, update }: SectionProps<'activity'>) {
  const { t } = useTranslation();
  const side = useTextSide();
  const activities = useCatalog((s) => s.activities);
  const info = useCatalog((s) => s.activityByName[data.activity]);
  const retry = data.retry ?? {};
  const setRetry = (patch: Partial<typeof retry>) => {
    const next = { ...retry, ...patch };
    const set = Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined));
    update({ retry: Object.keys(set).length > 0 ? set : undefined });
  };

  return (
    <>
      <Field label={t('activity.activity')} error={info || activities.length === 0 ? null : t('activity.unknown')}>
        <select value={data.activity} onChange={(e) => update({ activity: e.target.value, input: undefined })} data-testid="field-activity">
          {!info && <option value={data.activity}>{data.activity}</option>}
          {activities.map((a) => (
            <option key={a.name} value={a.name}>
              {pickText(a.title, side)} ({a.name})
            </option>
          ))}
        </select>
      </Field>
      {info && <p className="muted">{pickText(info.description, side)}</p>}
      <h4>{t('activity.inputs')}</h4>
      {info ? (
        <Suspense fallback={<p className="muted">{t('common.loading')}</p>}>
          <ActivityInputForm key={info.name} activity={info} value={data.input} onChange={(input) => update({ input })} />
        </Suspense>
      ) : (
        <p className="muted">{t('activity.noSchema')}</p>
      )}
      <Field label={t('node.output')} hint={t('node.outputHint')}>
        <input value={data.output ?? ''} onChange={(e) => update({ output: orUndefined(e.target.value) })} data-testid="field-output" />
      </Field>
      <Field label={t('activity.timeout')} hint={info?.timeout ? t('activity.defaultIs', { value: info.timeout }) : undefined}>
        <DurationField value={data.timeout} onChange={(timeout) => update({ timeout })} testId="field-timeout" />
      </Field>
      <fieldset className="retry">
        <legend>{t('activity.retry')}</legend>
        <Field label={t('activity.maxAttempts')}>
          <input
            type="number"
            min={1}
            max={100}
            value={retry.maxAttempts ?? ''}
            onChange={(e) => setRetry({ maxAttempts: e.target.value === '' ? undefined : Number(e.target.value) })}
            data-testid="field-retry-max"
          />
        </Field>
        <Field label={t('activity.initialInterval')}>
          <DurationField value={retry.initialInterval} onChange={(initialInterval) => setRetry({ initialInterval })} testId="field-retry-interval" />
        </Field>
        <Field label={t('activity.backoff')}>
          <input
            type="number"
            min={1}
            max={10}
            step={0.5}
            value={retry.backoff ?? ''}
            onChange={(e) => setRetry({ backoff: e.target.value === '' ? undefined : Number(e.target.value) })}
            data-testid="field-retry-backoff"
          />
        </Field>
      </fieldset>
    </>
  );
}
