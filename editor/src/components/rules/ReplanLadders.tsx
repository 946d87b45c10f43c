/**
 * A rule set's hours reach open deadline ladders only when someone asks (docs/ladders.md): after a
 * publish, whoever may publish sees how many open ladders of their org units still read the rule
 * set (by kind and unit, as the server's preview counts them), confirms, and is told how many were
 * re-planned. The confirmation sends the preview's count, so a re-plan of what changed since it was
 * shown is refused and the counts are shown again.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { LADDER_KINDS_SHOWN, previewLadderReplan, replanLadders, type LadderReplanPreview, type LadderReplanResult } from '../../api/rulesets';
import { useOrgUnitNames } from '../../hooks/useOrgUnitNames';
import { apiErrorText } from '../../i18n/apiErrorText';
import { Dialog } from '../Dialog';
import '../../styles/replan.css';

export function ReplanLadders({ rulesetKey, version }: { rulesetKey: string; version: number }) {
  const { t } = useTranslation();
  const [preview, setPreview] = useState<LadderReplanPreview | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<LadderReplanResult | null>(null);

  const load = useCallback(async () => {
    try {
      setPreview(await previewLadderReplan(rulesetKey));
    } catch {
      // No preview, no offer: the re-plan stays available through the API.
      setPreview(null);
    }
  }, [rulesetKey]);
  // Again after each publish: the new version is what a re-plan would apply.
  useEffect(() => void load(), [load, version]);

  if (!result && !preview?.ladders) return null;
  return (
    <div className="replan-bar" role="status" data-testid="replan-bar">
      {result && (
        <span data-testid="replan-result">
          {t('replan.done', { count: result.replanned })}
          {result.cases.some((c) => c.skipped) && ` ${t('replan.skipped', { count: result.cases.filter((c) => c.skipped).length })}`}
        </span>
      )}
      {preview && preview.ladders > 0 && (
        <>
          <span data-testid="replan-open">{t('replan.open', { count: preview.ladders })}</span>
          <button type="button" onClick={() => setConfirming(true)} data-testid="replan-open-dialog">
            {t('replan.review')}
          </button>
        </>
      )}
      {confirming && preview && (
        <ReplanDialog
          rulesetKey={rulesetKey}
          preview={preview}
          onStale={(fresh) => setPreview(fresh)}
          onClose={() => setConfirming(false)}
          onDone={(answer) => {
            setConfirming(false);
            setResult(answer);
            void load();
          }}
        />
      )}
    </div>
  );
}

interface ReplanDialogProps {
  rulesetKey: string;
  preview: LadderReplanPreview;
  onStale(fresh: LadderReplanPreview): void;
  onClose(): void;
  onDone(result: LadderReplanResult): void;
}

/** The counts by kind and org unit, and the confirmation. */
function ReplanDialog({ rulesetKey, preview, onStale, onClose, onDone }: ReplanDialogProps) {
  const { t } = useTranslation();
  const unitName = useOrgUnitNames();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      onDone(await replanLadders(rulesetKey, preview.ladders));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'replan_preview_stale') {
        setError(t('replan.stale'));
        // The new counts, to confirm again; should they not come, the old ones stay and are refused again.
        await previewLadderReplan(rulesetKey).then(onStale, () => undefined);
      } else setError(apiErrorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('replan.title')} onClose={onClose} testId="replan-dialog">
      <p>{t('replan.explain')}</p>
      <table className="replan-counts" data-testid="replan-by-kind">
        <tbody>
          {LADDER_KINDS_SHOWN.map((kind) => (
            <tr key={kind}>
              <th scope="row">{t(`replan.kind.${kind}`)}</th>
              <td data-testid={`replan-kind-${kind}`}>{preview.byKind[kind]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('replan.byUnit')}</h3>
      <table className="replan-counts" data-testid="replan-by-unit">
        <tbody>
          {preview.byUnit.map((u) => (
            <tr key={u.orgUnit} data-testid="replan-unit">
              <th scope="row">{unitName(u.orgUnit)}</th>
              <td>{u.ladders}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">{t('replan.cases', { count: preview.cases })}</p>
      {error && (
        <p className="field-error" role="alert" data-testid="replan-error">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="button" className="primary" disabled={busy || preview.ladders === 0} onClick={() => void confirm()} data-testid="replan-confirm">
          {t('replan.confirm', { count: preview.ladders })}
        </button>
      </div>
    </Dialog>
  );
}
