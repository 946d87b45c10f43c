/**
 * A list of values edited as tags: type a value and press Enter (or a comma) to add it, × or
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

/** Keys that end a value: Enter, and the ASCII and the full-width comma a Chinese keyboard types. */
const SEPARATORS = new Set(['Enter', ',', '，']);

export function TagsInput({ value, onChange, placeholder, ariaLabel, testId }: TagsInputProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const tags = value ?? [];
  const set = (next: unknown[]) => onChange(next.length ? next : undefined);

  const commit = () => {
    if (text.trim() === '') return;
    const parsed = parseLiteral(text);
    setText('');
    if (!tags.some((tag) => JSON.stringify(tag) === JSON.stringify(parsed))) set([...tags, parsed]);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (SEPARATORS.has(e.key)) {
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
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={commit}
        data-testid={testId && `${testId}-input`}
      />
    </div>
  );
}
