/**
 * The audit trail, read-only: who did what to which object, when and from where, newest first,
 * filtered by actor, action, object and time, a page at a time.
 */
import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { listAudit, type AuditFilter, type AuditRow } from '../api/audit';
import { usePagedList } from '../hooks/usePagedList';

const PAGE = 50;

/** A `datetime-local` value (local time, no zone) as the API's ISO date-time; empty stays unset. */
const isoOf = (local: string): string | undefined => (local ? new Date(local).toISOString() : undefined);

/** A content hash shortened to what a person compares by eye (the whole row is in the cell's title). */
const shortHash = (v: string) => (/^sha256:[0-9a-f]{64}$/.test(v) ? `${v.slice(0, 19)}…` : v);

/** A row's detail in one line: `name: value` pairs, nested values as JSON. */
function detailText(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? shortHash(v) : JSON.stringify(v)}`)
    .join(' · ');
}

function AuditTable({ rows }: { rows: AuditRow[] }) {
  const { t, i18n } = useTranslation();
  return (
    <table className="list-table stacking audit-table" data-testid="audit-list">
      <thead>
        <tr>
          <th>{t('audit.at')}</th>
          <th>{t('audit.actor')}</th>
          <th>{t('audit.action')}</th>
          <th>{t('audit.object')}</th>
          <th>{t('audit.ip')}</th>
          <th>{t('audit.detail')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} data-testid="audit-row" data-action={r.action}>
            <td data-label={t('audit.at')}>{new Date(r.at).toLocaleString(i18n.language)}</td>
            <td data-label={t('audit.actor')}>{r.actor}</td>
            <td data-label={t('audit.action')} title={r.action}>
              {t(`audit.actions.${r.action}`, { defaultValue: r.action })}
            </td>
            <td data-label={t('audit.object')}>
              <span>
                <span className="muted">{t(`audit.kinds.${r.kind}`, { defaultValue: r.kind })}</span> <code>{r.key}</code>
              </span>
            </td>
            <td data-label={t('audit.ip')}>{r.ip ?? '—'}</td>
            <td data-label={t('audit.detail')} className="audit-detail" title={`${JSON.stringify(r.detail)}\n${t('audit.hash')} ${r.hash}`}>
              {detailText(r.detail)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const FIELDS = ['actor', 'action', 'kind', 'key'] as const;

export function AuditScreen() {
  const { t } = useTranslation();
  const [form, setForm] = useState({ actor: '', action: '', kind: '', key: '', from: '', to: '' });
  const [filter, setFilter] = useState<AuditFilter>({});
  const load = useCallback((cursor?: string) => listAudit(filter, PAGE, cursor), [filter]);
  const list = usePagedList(load);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const trimmed = Object.fromEntries(FIELDS.map((f) => [f, form[f].trim() || undefined]));
    setFilter({ ...trimmed, from: isoOf(form.from), to: isoOf(form.to) });
  };

  return (
    <main className="list-screen" data-testid="audit-screen">
      <section>
        <div className="section-head">
          <h2>{t('audit.title')}</h2>
        </div>
        <form className="filters" onSubmit={apply}>
          {FIELDS.map((f) => (
            <label key={f} className="field">
              <span className="field-label">{t(`audit.${f}`)}</span>
              <input value={form[f]} onChange={(e) => setForm({ ...form, [f]: e.target.value })} data-testid={`audit-filter-${f}`} />
            </label>
          ))}
          <label className="field">
            <span className="field-label">{t('audit.from')}</span>
            <input type="datetime-local" value={form.from} onChange={(e) => setForm({ ...form, from: e.target.value })} data-testid="audit-filter-from" />
          </label>
          <label className="field">
            <span className="field-label">{t('audit.to')}</span>
            <input type="datetime-local" value={form.to} onChange={(e) => setForm({ ...form, to: e.target.value })} data-testid="audit-filter-to" />
          </label>
          <button type="submit" className="primary" data-testid="audit-apply">
            {t('audit.apply')}
          </button>
        </form>
        {list.error && <p className="field-error">{t('list.loadFailed', { message: list.error })}</p>}
        {list.items.length > 0 && <AuditTable rows={list.items} />}
        {!list.loading && !list.error && list.items.length === 0 && <p className="muted">{t('audit.empty')}</p>}
        {list.loading && <p className="muted">{t('common.loading')}</p>}
        {list.hasMore && !list.loading && (
          <button type="button" onClick={list.more} data-testid="audit-more">
            {t('common.more')}
          </button>
        )}
      </section>
    </main>
  );
}
