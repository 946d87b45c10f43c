/** What the last save or publish did, shown in a command bar. */
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../language';

export type Notice =
  | { kind: 'saved'; problems: Problem[] }
  | { kind: 'published'; version: number }
  | { kind: 'error'; message: string; problems: Problem[] }
  /** Someone saved the draft since it was loaded: the server's message, and a way to load theirs. */
  | { kind: 'stale'; message: string; reload(): void }
  | null;

export function NoticeText({ notice }: { notice: Notice }) {
  const { t } = useTranslation();
  if (!notice) return <span className="notice" />;
  if (notice.kind === 'stale') {
    return (
      // The button comes first: a long message is cut at the end of the bar.
      <span className="notice error" role="status" data-testid="notice" data-kind="stale" title={notice.message}>
        <button type="button" className="link" onClick={notice.reload} data-testid="reload-draft">
          {t('notice.reload')}
        </button>{' '}
        {t('notice.error', { message: notice.message })}
      </span>
    );
  }
  const text =
    notice.kind === 'saved'
      ? notice.problems.length > 0
        ? t('notice.savedWithProblems', { count: notice.problems.length })
        : t('notice.saved')
      : notice.kind === 'published'
        ? t('notice.published', { version: notice.version })
        : t('notice.error', { message: notice.message });
  return (
    <span className={`notice ${notice.kind}`} role="status" data-testid="notice" data-kind={notice.kind}>
      {text}
    </span>
  );
}
