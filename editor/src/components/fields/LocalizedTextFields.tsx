/** A {zh, en} text edited as two inputs, one per product language. */
import { useTranslation } from 'react-i18next';
import { Field, orUndefined } from './Field';

type Text = { zh?: string; en?: string };

interface LocalizedTextFieldsProps {
  label: string;
  value: Text | undefined;
  onChange(value: Text | undefined): void;
  testId: string;
}

export function LocalizedTextFields({ label, value, onChange, testId }: LocalizedTextFieldsProps) {
  const { t } = useTranslation();
  const update = (side: 'zh' | 'en', text: string) => {
    const next = { ...value, [side]: orUndefined(text) };
    onChange(next.zh === undefined && next.en === undefined ? undefined : next);
  };
  return (
    <div className="field-pair">
      <Field label={`${label} (${t('lang.zhShort')})`}>
        <input value={value?.zh ?? ''} onChange={(e) => update('zh', e.target.value)} data-testid={`${testId}-zh`} />
      </Field>
      <Field label={`${label} (${t('lang.enShort')})`}>
        <input value={value?.en ?? ''} onChange={(e) => update('en', e.target.value)} data-testid={`${testId}-en`} />
      </Field>
    </div>
  );
}
