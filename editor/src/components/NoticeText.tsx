/** What the last save or publish did, shown in a command bar. */
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../language';
import { apiErrorHead } from '../i18n/apiErrorText';

export type Notice =
  | { kind: 'saved'; problems: Problem[] }
  | { kind: 'published'; version: number }
  /**
   * A failure: a refused write (`error`, worded from its code in the UI language when shown) or the
   * client's own words (`message`, e.g. an import that is no definition); its problems are shown
   * where the kind shows problems.
   */
  | { kind: 'error'; error?: unknown; message?: string; problems: Problem[] }
  /** Someone saved the draft since it was loaded, and a way to load theirs. */
  | { kind: 'stale'; error: unknown; reload(): void }
  | null;

export function NoticeText({ notice }: { notice: Notice }) {
  const { t } = useTranslation();
  if (!notice) return <span className="notice" />;
  if (notice.kind === 'stale') {
    const refused = t('notice.error', { message: apiErrorHead(notice.error, t) });
    return (
      // The button comes first: a long message is cut at the end of the bar (the title holds all of it).
      <span className="notice error" role="status" data-testid="notice" data-kind="stale" title={refused}>
        <button type="button" className="link" onClick={notice.reload} data-testid="reload-draft">
          {t('notice.reload')}
        </button>{' '}
        {refused}
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
        : t('notice.error', { message: notice.message ?? apiErrorHead(notice.error, t) });
  return (
    // The title holds the whole text where a narrow bar cuts it.
    <span className={`notice ${notice.kind}`} role="status" data-testid="notice" data-kind={notice.kind} title={text}>
      {text}
    </span>
  );
}
