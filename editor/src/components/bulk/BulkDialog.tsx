/**
 * One action on every case the case list's current filter selects: choose the action, preview it
 * (how many cases, and for a sample what would happen to each), run it as a job, watch its
 * progress, then read the report (each case done, skipped or failed, and why) or download it as
 * CSV. Only a preview of exactly the current choices enables the run.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { bulkItems, bulkReportUrl, cancelBulk, getBulkJob, listBulkJobs, previewBulk, startBulk, type BulkAction, type BulkItem, type BulkJob, type BulkPreview } from '../../api/bulk';
import { bulkReasonText } from '../../i18n/bulkReasonText';
import { errorText } from '../../i18n/errorText';
import type { CaseListFilter } from '../../api/caseList';
import { Dialog } from '../Dialog';
import '../../styles/bulk.css';

const KINDS = ['cancel', 'event', 'migrate', 'retry'] as const;
type Kind = (typeof KINDS)[number];
/** How often the progress is read while the job runs. */
const POLL_MS = 1000;
/** Earlier jobs listed, with their reports kept for download. */
const RECENT = 5;

interface Choices {
  kind: Kind;
  text: string;
  eventName: string;
  payload: string;
  toVersion: string;
  rate: string;
}

/** A case id as the lists show it: the first characters of its hash (the whole id is its title). */
const shortId = (caseId: string) => caseId.slice(caseId.lastIndexOf('.') + 1, caseId.lastIndexOf('.') + 9);

/** The action the choices describe, or the key of what is missing. */
function actionOf(c: Choices): BulkAction | { missing: string } {
  switch (c.kind) {
    case 'cancel':
      return c.text.trim() ? { kind: 'cancel', reason: c.text.trim() } : { missing: 'bulk.needReason' };
    case 'retry':
      return c.text.trim() ? { kind: 'retry', comment: c.text.trim() } : { missing: 'bulk.needComment' };
    case 'migrate':
      return /^\d+$/.test(c.toVersion) ? { kind: 'migrate', toVersion: Number(c.toVersion) } : { missing: 'bulk.needVersion' };
    case 'event': {
      if (!c.eventName.trim()) return { missing: 'bulk.needEvent' };
      if (!c.payload.trim()) return { kind: 'event', name: c.eventName.trim() };
      try {
        return { kind: 'event', name: c.eventName.trim(), payload: JSON.parse(c.payload) };
      } catch {
        return { missing: 'bulk.payloadNotJson' };
      }
    }
  }
}

interface OutcomeRow {
  key: string;
  caseId: string;
  /** What else to say of the case (its version and status), beside its link. */
  facts?: string;
  /** The outcome or status, as the API names it (the row's data-state). */
  state: string;
  badge: string;
  label: string;
  reason: string;
}

/** Cases with what happens (the preview) or happened (the report) to each, and why. */
function OutcomeTable({ rows, testId }: { rows: OutcomeRow[]; testId: string }) {
  const { t } = useTranslation();
  return (
    <table className="list-table stacking bulk-table">
      <thead>
        <tr>
          <th>{t('bulk.case')}</th>
          <th>{t('bulk.outcome')}</th>
          <th>{t('bulk.why')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} data-testid={testId} data-state={r.state}>
            <td data-label={t('bulk.case')}>
              {/* One grid cell when the table stacks (390 px): the link and its facts together. */}
              <span>
                <a href={`#/cases/${encodeURIComponent(r.caseId)}`} className="case-id" title={r.caseId}>
                  {shortId(r.caseId)}
                </a>
                {r.facts && <span className="muted"> {r.facts}</span>}
              </span>
            </td>
            <td data-label={t('bulk.outcome')}>
              <span className={`badge ${r.badge}`}>{r.label}</span>
            </td>
            <td data-label={t('bulk.why')} className="bulk-reason">
              {r.reason}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The latest jobs of the user's org units, each with its outcome counts and its report. */
function RecentJobs() {
  const { t, i18n } = useTranslation();
  const [jobs, setJobs] = useState<BulkJob[]>([]);
  useEffect(() => {
    listBulkJobs(RECENT).then(setJobs, () => undefined);
  }, []);
  if (jobs.length === 0) return null;
  return (
    <details className="bulk-recent" data-testid="bulk-recent">
      <summary>{t('bulk.recent')}</summary>
      <ul>
        {jobs.map((j) => (
          <li key={j.id} data-testid="bulk-recent-job">
            {new Date(j.createdAt).toLocaleString(i18n.language)} · {t(`bulk.kind.${j.action.kind}`)} · {t(`bulk.status.${j.status}`)} ·{' '}
            {t('bulk.recentCounts', { done: j.counts.done, skipped: j.counts.skipped, failed: j.counts.failed })}{' '}
            <a href={bulkReportUrl(j.id)} download>
              CSV
            </a>
          </li>
        ))}
      </ul>
    </details>
  );
}

interface Props {
  filter: CaseListFilter;
  onClose(): void;
}

export function BulkDialog({ filter, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  const [choices, setChoices] = useState<Choices>({ kind: 'cancel', text: '', eventName: '', payload: '', toVersion: '', rate: '5' });
  const [preview, setPreview] = useState<{ key: string; answer: BulkPreview } | null>(null);
  const [job, setJob] = useState<BulkJob | null>(null);
  const [items, setItems] = useState<BulkItem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const action = actionOf(choices);
  const key = JSON.stringify([action, choices.rate]);
  const ended = job?.status === 'completed' || job?.status === 'cancelled';
  const choose = (patch: Partial<Choices>) => setChoices({ ...choices, ...patch });

  // The progress, read until the job ends; then the report's items.
  const jobId = job?.id;
  useEffect(() => {
    if (!jobId || ended) return;
    const timer = setInterval(() => getBulkJob(jobId).then(setJob, (err: unknown) => setError(errorText(err))), POLL_MS);
    return () => clearInterval(timer);
  }, [jobId, ended]);
  useEffect(() => {
    if (jobId && ended) bulkItems(jobId).then((page) => setItems(page.items), (err: unknown) => setError(errorText(err)));
  }, [jobId, ended]);

  const run = async (what: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await what();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const doPreview = () => run(async () => {
    if ('missing' in action) return;
    setPreview({ key, answer: await previewBulk(filter, action) });
  });
  const doStart = () => run(async () => {
    if ('missing' in action) return;
    const started = await startBulk(filter, action, Math.min(50, Math.max(1, Number(choices.rate) || 5)));
    setJob(await getBulkJob(started.jobId));
  });
  const doStop = () => run(async () => setJob(await cancelBulk(job!.id)));

  const fresh = preview?.key === key ? preview.answer : null;
  const settled = job ? job.counts.done + job.counts.skipped + job.counts.failed : 0;

  return (
    <Dialog title={t('bulk.title')} onClose={onClose} testId="bulk-dialog">
      {!job && (
        <div className="bulk-choose">
          <label className="field">
            <span className="field-label">{t('bulk.action')}</span>
            <select value={choices.kind} onChange={(e) => choose({ kind: e.target.value as Kind })} data-testid="bulk-kind">
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`bulk.kind.${k}`)}
                </option>
              ))}
            </select>
          </label>
          {(choices.kind === 'cancel' || choices.kind === 'retry') && (
            <label className="field">
              <span className="field-label">{t(choices.kind === 'cancel' ? 'bulk.reason' : 'bulk.comment')}</span>
              <textarea rows={2} value={choices.text} onChange={(e) => choose({ text: e.target.value })} data-testid="bulk-text" />
            </label>
          )}
          {choices.kind === 'event' && (
            <>
              <label className="field">
                <span className="field-label">{t('bulk.eventName')}</span>
                <input value={choices.eventName} onChange={(e) => choose({ eventName: e.target.value })} data-testid="bulk-event-name" />
              </label>
              <label className="field">
                <span className="field-label">{t('bulk.payload')}</span>
                <textarea rows={3} className="mono" value={choices.payload} placeholder="{}" onChange={(e) => choose({ payload: e.target.value })} data-testid="bulk-payload" />
              </label>
            </>
          )}
          {choices.kind === 'migrate' && (
            <label className="field">
              <span className="field-label">{t('bulk.toVersion')}</span>
              <input type="number" min={1} value={choices.toVersion} onChange={(e) => choose({ toVersion: e.target.value })} data-testid="bulk-version" />
            </label>
          )}
          <label className="field">
            <span className="field-label">{t('bulk.rate')}</span>
            <input type="number" min={1} max={50} value={choices.rate} onChange={(e) => choose({ rate: e.target.value })} data-testid="bulk-rate" />
          </label>
          {'missing' in action && <p className="muted">{t(action.missing)}</p>}
          {!fresh && <RecentJobs />}
          {fresh && (
            <div className="bulk-preview" data-testid="bulk-preview" data-total={fresh.total}>
              <p>
                <strong>{fresh.totalExact ? t('bulk.selected', { total: number.format(fresh.total) }) : t('bulk.selectedEstimated', { total: number.format(fresh.total) })}</strong>
                {fresh.tooMany && <span className="field-error"> {t('bulk.tooMany', { max: number.format(fresh.maxSelection) })}</span>}
              </p>
              {fresh.sample.length > 0 && (
                <>
                  <p className="muted">{t('bulk.sample', { count: fresh.sample.length })}</p>
                  <OutcomeTable
                    testId="bulk-sample-row"
                    rows={fresh.sample.map((c) => ({
                      key: c.caseId,
                      caseId: c.caseId,
                      facts: `v${c.version} · ${t(`run.status.${c.status}`, { defaultValue: c.status })}`,
                      state: c.outcome,
                      badge: `bulk-outcome-${c.outcome}`,
                      label: t(`bulk.outcomes.${c.outcome}`),
                      reason: bulkReasonText(c, t),
                    }))}
                  />
                </>
              )}
            </div>
          )}
        </div>
      )}
      {job && (
        <div className="bulk-progress" data-testid="bulk-progress" data-status={job.status}>
          <p>
            {t(`bulk.status.${job.status}`)} · {t('bulk.progress', { settled: number.format(settled), total: number.format(job.total) })}
          </p>
          <progress max={job.total} value={settled} aria-label={t('bulk.progressLabel')} />
          <ul className="bulk-counts">
            {(['done', 'skipped', 'failed', 'pending'] as const).map((s) => (
              <li key={s} className={`bulk-count bulk-count-${s}`} data-testid={`bulk-count-${s}`} data-count={job.counts[s]}>
                {t(`bulk.items.${s}`)} <strong>{number.format(job.counts[s])}</strong>
              </li>
            ))}
          </ul>
          {ended && (
            <div className="bulk-report" data-testid="bulk-report">
              <a href={bulkReportUrl(job.id)} download className="bulk-download" data-testid="bulk-download">
                {t('bulk.download')}
              </a>
              <OutcomeTable
                testId="bulk-report-row"
                rows={items.map((i) => ({ key: String(i.seq), caseId: i.caseId, state: i.status, badge: `bulk-item-${i.status}`, label: t(`bulk.items.${i.status}`), reason: bulkReasonText(i, t) }))}
              />
            </div>
          )}
        </div>
      )}
      {error && <p className="field-error" data-testid="bulk-error">{error}</p>}
      <div className="dialog-actions">
        {!job && (
          <>
            <button type="button" onClick={doPreview} disabled={busy || 'missing' in action} data-testid="bulk-preview-button">
              {t('bulk.preview')}
            </button>
            <button type="button" className="primary" onClick={doStart} disabled={busy || !fresh || fresh.total === 0 || fresh.tooMany} data-testid="bulk-run">
              {t('bulk.run')}
            </button>
          </>
        )}
        {job && !ended && (
          <button type="button" onClick={doStop} disabled={busy || job.status !== 'running'} data-testid="bulk-stop">
            {t('bulk.stop')}
          </button>
        )}
        <button type="button" onClick={onClose} data-testid="bulk-close">
          {t('bulk.close')}
        </button>
      </div>
    </Dialog>
  );
}
