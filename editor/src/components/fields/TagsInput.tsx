/**
 * A list of values edited as tags: type a value and press Enter (or type a comma) to add it, × or
 * Backspace in the empty box to remove one. Each value is read as a literal (model/literal), so
 * `7` is a number and `high` a string. An emptied list is reported as `undefined`.
 */
import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatLiteral, parseLiteral } from '../../model/literal';

interface TagsInputProps {
  value: readonly unknown[] | undefined;
  onChange(value: unknown[] | undefined): void;
  placeholder?: string;
  ariaLabel?: string;
  testId?: string;
}

/**
 * Commas end a value: the ASCII one and the full-width one a Chinese input method types (as text,
 * often with no key event of its own), so they are read from the text; a pasted `a, b` adds two.
 */
const SEPARATOR = /[,，]/;

export function TagsInput({ value, onChange, placeholder, ariaLabel, testId }: TagsInputProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const tags = value ?? [];
  const set = (next: unknown[]) => onChange(next.length ? next : undefined);

  /** Adds each value typed (not already there) and empties the box. */
  const add = (texts: string[]) => {
    const next = [...tags];
    for (const text of texts) {
      if (text.trim() === '') continue;
      const parsed = parseLiteral(text);
      if (!next.some((tag) => JSON.stringify(tag) === JSON.stringify(parsed))) next.push(parsed);
    }
    if (next.length !== tags.length) set(next);
  };
  const commit = () => {
    add([text]);
    setText('');
  };
  const onType = (typed: string) => {
    const parts = typed.split(SEPARATOR);
    if (parts.length === 1) return setText(typed);
    // Everything before the last comma is done; what follows it is still being typed.
    add(parts.slice(0, -1));
    setText(parts[parts.length - 1]);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      commit();
    } else if (e.key === 'Backspace' && text === '' && tags.length) {
      set(tags.slice(0, -1));
    }
  };

  return (
    <div className="tags-input" data-testid={testId}>
      {tags.map((tag, i) => (
        <span key={`${i}-${formatLiteral(tag)}`} className="tag" data-testid={testId && `${testId}-tag`}>
          {formatLiteral(tag)}
          <button type="button" className="icon" onClick={() => set(tags.filter((_, j) => j !== i))} aria-label={t('common.removeValue', { value: formatLiteral(tag) })}>
            ×
          </button>
        </span>
      ))}
      <input
        value={text}
        placeholder={tags.length ? undefined : placeholder}
        aria-label={ariaLabel}
        title={t('common.tagsHint')}
        onChange={(e) => onType(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={commit}
        data-testid={testId && `${testId}-input`}
      />
    </div>
  );
}
