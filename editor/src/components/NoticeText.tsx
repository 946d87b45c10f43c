/** What the last save or publish did, shown in a command bar. */
import { useTranslation } from 'react-i18next';
import type { Problem } from '../api/client';

export type Notice =
  | { kind: 'saved'; problems: Problem[] }
  | { kind: 'published'; version: number }
  | { kind: 'error'; message: string; problems: Problem[] }
  | null;

export function NoticeText({ notice }: { notice: Notice }) {
  const { t } = useTranslation();
  if (!notice) return <span className="notice" />;
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
