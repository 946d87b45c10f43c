/** Publishing asks for a comment (it goes into the version's audit record) and is refused while there are problems. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog';

interface PublishDialogProps {
  problems: number;
  busy: boolean;
  onPublish(comment: string): Promise<unknown>;
  onClose(): void;
}

export function PublishDialog({ problems, busy, onPublish, onClose }: PublishDialogProps) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const blocked = problems > 0;
  return (
    <Dialog title={t('publish.title')} onClose={onClose} testId="publish-dialog">
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (!blocked && comment.trim()) void onPublish(comment.trim()).then(onClose);
        }}
      >
        <label className="field">
          <span className="field-label">{t('publish.comment')}</span>
          <textarea rows={3} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={1000} autoFocus data-testid="publish-comment" />
          <span className="field-hint">{t('publish.commentHint')}</span>
        </label>
        {blocked && <p className="field-error">{t('publish.blocked', { count: problems })}</p>}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={blocked || busy || comment.trim() === ''} data-testid="publish-confirm">
            {t('publish.confirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
