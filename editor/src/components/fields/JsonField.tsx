/** JSON edited as text: the draft text is kept while it does not parse, and committed when it does. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface JsonFieldProps {
  value: unknown;
  onChange(value: unknown): void;
  testId: string;
  rows?: number;
  /** Rejects parsed JSON of the wrong shape with a message. */
  check?(value: unknown): string | null;
}

const show = (value: unknown) => (value === undefined ? '' : JSON.stringify(value, null, 2));

export function JsonField({ value, onChange, testId, rows = 6, check }: JsonFieldProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => show(value));
  const [error, setError] = useState<string | null>(null);

  // An outside change (undo, another node selected) replaces the text unless it is what we committed.
  useEffect(() => {
    setText((current) => {
      try {
        if (current.trim() !== '' && JSON.stringify(JSON.parse(current)) === JSON.stringify(value)) return current;
      } catch {
        // the user's unparsable draft is replaced by the outside value
      }
      return show(value);
    });
    setError(null);
  }, [value]);

  const edit = (next: string) => {
    setText(next);
    if (next.trim() === '') {
      setError(null);
      onChange(undefined);
      return;
    }
    try {
      const parsed: unknown = JSON.parse(next);
      const problem = check?.(parsed) ?? null;
      setError(problem);
      if (!problem) onChange(parsed);
    } catch (err) {
      setError(t('json.invalid', { message: err instanceof Error ? err.message : String(err) }));
    }
  };

  return (
    <span className="json-field">
      <textarea
        className={`code${error ? ' invalid' : ''}`}
        rows={rows}
        value={text}
        spellCheck={false}
        onChange={(e) => edit(e.target.value)}
        data-testid={testId}
      />
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
