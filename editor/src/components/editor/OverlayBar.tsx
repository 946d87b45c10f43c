/** The banner over the canvas while a version, a diff or a test case is shown instead of the draft. */
import { useTranslation } from 'react-i18next';
import { useEditor } from '../../store';

export function OverlayBar() {
  const { t } = useTranslation();
  const kind = useEditor((s) => s.overlay?.kind);
  const label = useEditor((s) => s.overlay?.label);
  const setOverlay = useEditor((s) => s.setOverlay);
  if (!kind) return null;
  const overlay = { kind, label };
  return (
    <div className={`overlay-bar overlay-${overlay.kind}`} data-testid="overlay-bar" data-kind={overlay.kind}>
      <span>
        {t(`overlay.${overlay.kind}`)}: <strong>{overlay.label}</strong>
      </span>
      {overlay.kind === 'diff' && (
        <span className="legend">
          {(['added', 'removed', 'changed'] as const).map((m) => (
            <span key={m} className={`legend-item mark-${m}`}>
              <span className="swatch" aria-hidden /> {t(`diff.${m}`)}
            </span>
          ))}
        </span>
      )}
      {overlay.kind === 'run' && (
        <span className="legend">
          {(['active', 'visited', 'failed'] as const).map((m) => (
            <span key={m} className={`legend-item mark-${m}`}>
              <span className="swatch" aria-hidden /> {t(`run.mark.${m}`)}
            </span>
          ))}
        </span>
      )}
      <button type="button" onClick={() => setOverlay(null)} data-testid="overlay-close">
        {t('overlay.backToDraft')}
      </button>
    </div>
  );
}
