/**
 * A JSONata expression field that reports syntax errors as the user types and completes the word
 * at the caret: case variables as they are typed, functions after `$`, everything on Ctrl+Space.
 * Arrow keys pick, Enter or Tab inserts, Escape closes (a combobox in ARIA's terms).
 */
import { useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { expressionError } from '../../../../workflows/expression';
import { applyCompletion, completionsAt, type Completion, type Word } from '../../model/expression-completion';
import { useExpressionVariables } from './ExpressionVocabulary';

interface ExpressionInputProps {
  value: string | undefined;
  onChange(value: string | undefined): void;
  testId?: string;
  placeholder?: string;
  multiline?: boolean;
  ariaLabel?: string;
}

interface Offer {
  word: Word;
  items: Completion[];
  active: number;
}

export function ExpressionInput({ value, onChange, testId, placeholder, multiline, ariaLabel }: ExpressionInputProps) {
  const { t } = useTranslation();
  const variables = useExpressionVariables();
  const listId = useId();
  const field = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [offer, setOffer] = useState<Offer | null>(null);
  /** Where the caret goes after a completion is inserted (set once the new value is rendered). */
  const caretAfter = useRef<number | null>(null);
  // The validator's own syntax check, so the field and the problems panel agree; blank is "not set yet".
  const error = value && value.trim() !== '' ? expressionError(value) : undefined;

  useLayoutEffect(() => {
    if (caretAfter.current === null || !field.current) return;
    field.current.setSelectionRange(caretAfter.current, caretAfter.current);
    caretAfter.current = null;
  });

  const suggest = (text: string, caret: number, explicit = false) => {
    const found = completionsAt(text, caret, variables, explicit);
    setOffer(found ? { ...found, active: 0 } : null);
  };

  const change = (text: string, caret: number) => {
    onChange(text === '' ? undefined : text);
    suggest(text, caret);
  };

  const choose = (item: Completion) => {
    if (!offer) return;
    const applied = applyCompletion(value ?? '', offer.word, item);
    caretAfter.current = applied.caret;
    onChange(applied.text);
    setOffer(null);
    field.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === ' ' && e.ctrlKey) {
      e.preventDefault();
      suggest(value ?? '', field.current?.selectionStart ?? (value ?? '').length, true);
      return;
    }
    if (!offer) return;
    const move = (by: number) => setOffer({ ...offer, active: (offer.active + by + offer.items.length) % offer.items.length });
    if (e.key === 'ArrowDown') move(1);
    else if (e.key === 'ArrowUp') move(-1);
    else if (e.key === 'Enter' || e.key === 'Tab') choose(offer.items[offer.active]);
    else if (e.key === 'Escape') setOffer(null);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  const optionId = (i: number) => `${listId}-${i}`;
  const common = {
    ref: field,
    className: `expression${error ? ' invalid' : ''}`,
    value: value ?? '',
    placeholder,
    title: t('expression.hint'),
    spellCheck: false,
    role: 'combobox',
    'aria-label': ariaLabel,
    'aria-invalid': error ? true : undefined,
    'aria-autocomplete': 'list' as const,
    'aria-expanded': offer !== null,
    'aria-controls': offer ? listId : undefined,
    'aria-activedescendant': offer ? optionId(offer.active) : undefined,
    'data-testid': testId,
    onKeyDown,
    onBlur: () => setOffer(null),
    onChange: (e: { target: HTMLInputElement | HTMLTextAreaElement }) => change(e.target.value, e.target.selectionStart ?? e.target.value.length),
  };
  return (
    <span className="expression-input">
      {multiline ? <textarea {...common} rows={2} /> : <input {...common} />}
      {offer && (
        <ul className="completions" id={listId} role="listbox" aria-label={t('expression.suggestions')} data-testid={testId ? `${testId}-completions` : undefined}>
          {offer.items.map((item, i) => (
            <li
              key={item.label}
              id={optionId(i)}
              role="option"
              aria-selected={i === offer.active}
              // Chosen on mouse down, before the field's blur would close the list.
              onMouseDown={(e) => {
                e.preventDefault();
                choose(item);
              }}
            >
              <code>{item.label}</code>
              <span className="completion-kind">{item.fn ? t(`expression.fn.${item.fn}`) : t('expression.variable')}</span>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <span className="field-error" role="alert" data-testid={testId ? `${testId}-error` : undefined}>
          {t('expression.syntaxError', { message: error })}
        </span>
      )}
    </span>
  );
}
