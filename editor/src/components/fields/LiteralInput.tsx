/**
 * A one-line value box (see model/literal): JSON where it parses, text otherwise. Text that the
 * `accept` check refuses (a list still being typed) stays in the box, marked, until it is valid.
 */
import { useEffect, useState } from 'react';
import { formatLiteral, parseLiteral } from '../../model/literal';

interface LiteralInputProps {
  value: unknown;
  /** Called with `undefined` when the box is emptied. */
  onChange(value: unknown): void;
  accept?(value: unknown): boolean;
  placeholder?: string;
  ariaLabel?: string;
  testId?: string;
}

export function LiteralInput({ value, onChange, accept, placeholder, ariaLabel, testId }: LiteralInputProps) {
  const [text, setText] = useState(() => formatLiteral(value));
  const [invalid, setInvalid] = useState(false);

  // Follow outside changes, but keep the user's own spelling of the value they committed.
  useEffect(() => {
    setText((current) => (JSON.stringify(parseLiteral(current)) === JSON.stringify(value) ? current : formatLiteral(value)));
  }, [value]);

  return (
    <input
      className={invalid ? 'invalid' : undefined}
      value={text}
      title={text.length > 24 ? text : undefined}
      placeholder={placeholder}
      aria-label={ariaLabel}
      aria-invalid={invalid || undefined}
      data-testid={testId}
      onChange={(e) => {
        const next = e.target.value;
        setText(next);
        if (next.trim() === '') {
          setInvalid(false);
          onChange(undefined);
          return;
        }
        const parsed = parseLiteral(next);
        const ok = accept ? accept(parsed) : true;
        setInvalid(!ok);
        if (ok) onChange(parsed);
      }}
    />
  );
}
