/** A JSONata expression field that reports syntax errors as the user types. */
import { useTranslation } from 'react-i18next';
import { expressionError } from '../../../../workflows/expression';

interface ExpressionInputProps {
  value: string | undefined;
  onChange(value: string | undefined): void;
  testId?: string;
  placeholder?: string;
  multiline?: boolean;
  ariaLabel?: string;
}

export function ExpressionInput({ value, onChange, testId, placeholder, multiline, ariaLabel }: ExpressionInputProps) {
  const { t } = useTranslation();
  // The validator's own syntax check, so the field and the problems panel agree; blank is "not set yet".
  const error = value && value.trim() !== '' ? expressionError(value) : undefined;
  const common = {
    className: `expression${error ? ' invalid' : ''}`,
    value: value ?? '',
    placeholder,
    spellCheck: false,
    'aria-label': ariaLabel,
    'aria-invalid': error ? true : undefined,
    'data-testid': testId,
  };
  return (
    <span className="expression-input">
      {multiline ? (
        <textarea {...common} rows={2} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)} />
      ) : (
        <input {...common} onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)} />
      )}
      {error && (
        <span className="field-error" role="alert" data-testid={testId ? `${testId}-error` : undefined}>
          {t('expression.syntaxError', { message: error })}
        </span>
      )}
    </span>
  );
}
