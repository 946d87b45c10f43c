/** A task's deadline counting down (or how long it is overdue), refreshed every second. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** "2 h 05 min 09 s" style: the largest units that matter. */
function span(ms: number, t: (key: string, o: Record<string, unknown>) => string, seconds: boolean): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (d > 0) return t('countdown.dh', { d, h });
  if (h > 0) return seconds ? t('countdown.hms', { h, m: String(m).padStart(2, '0'), s: String(s).padStart(2, '0') }) : t('countdown.hm', { h, m });
  return seconds ? t('countdown.ms', { m, s: String(s).padStart(2, '0') }) : t('countdown.m', { m: Math.max(m, 1) });
}

export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** `dueAt` as "due in …" / "overdue by …"; nothing without a deadline. `seconds` for the task page's ticking clock. */
export function Countdown({ dueAt, seconds = false }: { dueAt: string | null; seconds?: boolean }) {
  const { t, i18n } = useTranslation();
  const now = useNow(seconds ? 1000 : 30_000);
  if (!dueAt) return <span className="muted">{t('countdown.none')}</span>;
  const left = Date.parse(dueAt) - now;
  const state = left < 0 ? 'overdue' : left < 3600_000 ? 'soon' : 'later';
  return (
    <span className={`countdown countdown-${state}`} title={new Date(dueAt).toLocaleString(i18n.language)} data-testid="countdown" data-state={state}>
      {left < 0 ? t('countdown.overdue', { span: span(left, t, seconds) }) : t('countdown.left', { span: span(left, t, seconds) })}
    </span>
  );
}
