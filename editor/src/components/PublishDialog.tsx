/**
 * Publishing asks for a comment (it goes into the version's audit record) and is refused while there
 * are problems. A rule set's or a process's dialog also lists its failing tests, which must be
 * acknowledged in writing (the acknowledgement goes to the audit log too); a rule set's may
 * schedule the version to take effect later.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublishRequest } from '../api/documents';
import { Dialog } from './Dialog';

interface PublishDialogProps {
  problems: number;
  busy: boolean;
  onPublish(request: PublishRequest): Promise<unknown>;
  onClose(): void;
  /** The tests (a rule set's or a process's) that fail now, each as "name: why"; any means an acknowledgement is required. */
  failingTests?: string[];
  /** Whether a time of activation may be given (rule sets). */
  schedulable?: boolean;
  /** What the new version changes, shown above the comment (processes: the diff against the published version). */
  summary?: ReactNode;
}

/** The server's minimum for a written acknowledgement. */
const ACK_MIN = 10;

export function PublishDialog({ problems, busy, onPublish, onClose, failingTests = [], schedulable = false, summary }: PublishDialogProps) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const [acknowledgement, setAcknowledgement] = useState('');
  const [effectiveAt, setEffectiveAt] = useState('');
  const blocked = problems > 0;
  const mustAcknowledge = failingTests.length > 0;
  // datetime-local is the browser's local time; the API takes an instant.
  const when = effectiveAt ? new Date(effectiveAt) : null;
  const past = when !== null && when.getTime() <= Date.now();
  const ready = !blocked && comment.trim() !== '' && (!mustAcknowledge || acknowledgement.trim().length >= ACK_MIN) && !past;
  return (
    <Dialog title={t('publish.title')} onClose={onClose} testId="publish-dialog">
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (!ready) return;
          const request: PublishRequest = {
            comment: comment.trim(),
            ...(mustAcknowledge ? { acknowledgement: acknowledgement.trim() } : {}),
            ...(when ? { effectiveAt: when.toISOString() } : {}),
          };
          void onPublish(request).then(onClose);
        }}
      >
        {summary}
        <label className="field">
          <span className="field-label">{t('publish.comment')}</span>
          <textarea rows={3} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={1000} autoFocus data-testid="publish-comment" />
          <span className="field-hint">{t('publish.commentHint')}</span>
        </label>
        {mustAcknowledge && (
          <div className="publish-failing" data-testid="publish-failing-tests">
            <p className="field-error">{t('publish.testsFail', { count: failingTests.length })}</p>
            <ul className="rule-tests-failing">
              {failingTests.map((f) => (
                <li key={f}>{f}</li>
              ))}
            </ul>
            <label className="field">
              <span className="field-label">{t('publish.acknowledgement')}</span>
              <textarea rows={3} value={acknowledgement} onChange={(e) => setAcknowledgement(e.target.value)} maxLength={2000} data-testid="publish-acknowledgement" />
              <span className="field-hint">{t('publish.acknowledgementHint', { min: ACK_MIN })}</span>
            </label>
          </div>
        )}
        {schedulable && (
          <label className="field">
            <span className="field-label">{t('publish.effectiveAt')}</span>
            <input type="datetime-local" value={effectiveAt} onChange={(e) => setEffectiveAt(e.target.value)} data-testid="publish-effective-at" aria-invalid={past} />
            <span className="field-hint">{past ? t('publish.effectiveAtPast') : t('publish.effectiveAtHint')}</span>
          </label>
        )}
        {blocked && <p className="field-error">{t('publish.blocked', { count: problems })}</p>}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={!ready || busy} data-testid="publish-confirm">
            {mustAcknowledge ? t('publish.confirmAnyway') : t('publish.confirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
