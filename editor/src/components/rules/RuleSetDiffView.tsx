/** What changed between two rule sets (rules/ruleset-diff.ts), section by section, each entry with its content before and after. */
import { useTranslation } from 'react-i18next';
import type { EntryDiff, OrderedEntryDiff, RuleSetDiff } from '../../../../rules/ruleset-diff';

const sections = ['fields', 'facts', 'conditions', 'rules', 'rows'] as const;
type Section = (typeof sections)[number];

function entriesOf(diff: RuleSetDiff, section: Section): EntryDiff & Partial<Pick<OrderedEntryDiff, 'reordered'>> {
  return section === 'fields' ? { added: [], removed: [], changed: diff.fields } : diff[section];
}

export function RuleSetDiffView({ label, diff }: { label: string; diff: RuleSetDiff }) {
  const { t } = useTranslation();
  const shown = sections
    .map((section) => ({ section, d: entriesOf(diff, section) }))
    .filter(({ d }) => d.added.length + d.removed.length + d.changed.length > 0 || d.reordered);
  return (
    <div className="diff-summary" data-testid="ruleset-diff">
      <strong>{label}</strong>
      {shown.length === 0 && <p className="muted">{t('diff.none')}</p>}
      {shown.map(({ section, d }) => (
        <div key={section} data-testid={`diff-${section}`}>
          <h4>{t(`diff.sections.${section}`)}</h4>
          <ul className="diff-entries">
            {d.added.map((e) => (
              <DiffEntry key={`+${e.name}`} mark="added" name={e.name} after={e.after} />
            ))}
            {d.removed.map((e) => (
              <DiffEntry key={`-${e.name}`} mark="removed" name={e.name} before={e.before} />
            ))}
            {d.changed.map((e) => (
              <DiffEntry key={`~${e.name}`} mark="changed" name={e.name} before={e.before} after={e.after} />
            ))}
          </ul>
          {d.reordered && <p className="muted">{t('diff.reordered')}</p>}
        </div>
      ))}
    </div>
  );
}

interface DiffEntryProps {
  mark: 'added' | 'removed' | 'changed';
  name: string;
  before?: unknown;
  after?: unknown;
}

function DiffEntry({ mark, name, before, after }: DiffEntryProps) {
  const { t } = useTranslation();
  const side = (title: string, value: unknown) =>
    value !== undefined && (
      <>
        <div className="muted">{title}</div>
        <pre className="variables">{JSON.stringify(value, null, 2)}</pre>
      </>
    );
  return (
    <li className={`diff-row mark-${mark}`} data-testid="diff-entry" data-mark={mark} data-name={name}>
      <span className="swatch" aria-hidden />
      <strong>{t(`diff.${mark}`)}</strong> <code>{name}</code>
      <details>
        <summary>{t('diff.details')}</summary>
        {side(t('diff.before'), before)}
        {side(t('diff.after'), after)}
      </details>
    </li>
  );
}
