/**
 * Moving a running case to another published version, dry run first: the user picks the version
 * and, for each node the case is at, the node it goes to; the dry run (POST …/migrate/preview)
 * says what moves where, which variables the new version declares that the case lacks, and why it
 * would be refused. Only a safe dry run of exactly these choices enables the migration itself.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProcessDefinition } from '../../../../workflows/definition/schema';
import { migrateCase, previewMigration, type MigrationPreview, type MigrationRequest } from '../../api/caseDetail';
import { errorText } from '../../i18n/errorText';
import { processApi } from '../../api/processes';
import { pickText, useTextSide } from '../../i18n/useLocalized';
import { Dialog } from '../Dialog';

interface MigrateDialogProps {
  caseId: string;
  definition: ProcessDefinition;
  /** The version the case runs now. */
  version: number;
  activeNodes: string[];
  onClose(): void;
  onMigrated(message: string): void;
}

export function MigrateDialog({ caseId, definition, version: current, activeNodes, onClose, onMigrated }: MigrateDialogProps) {
  const { t } = useTranslation();
  const side = useTextSide();
  const [versions, setVersions] = useState<number[]>([]);
  const [toVersion, setToVersion] = useState<number | undefined>();
  const [target, setTarget] = useState<ProcessDefinition | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [preview, setPreview] = useState<{ request: string; answer: MigrationPreview } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    processApi
      .get(definition.key)
      .then((d) => live && setVersions(d.versions.map((v) => v.version).sort((a, b) => b - a)))
      .catch((err: unknown) => live && setError(errorText(err)));
    return () => {
      live = false;
    };
  }, [definition.key]);
  useEffect(() => {
    if (toVersion === undefined) return;
    let live = true;
    setTarget(null);
    processApi
      .version(definition.key, toVersion)
      .then((v) => live && setTarget(v.definition))
      .catch((err: unknown) => live && setError(errorText(err)));
    return () => {
      live = false;
    };
  }, [definition.key, toVersion]);

  const request: MigrationRequest | undefined = toVersion === undefined ? undefined : { toVersion, ...(Object.keys(mapping).length ? { nodeMapping: mapping } : {}) };
  const requestKey = JSON.stringify(request ?? null);
  const fresh = preview && preview.request === requestKey ? preview.answer : null;
  const nodeName = (def: ProcessDefinition | null, id: string) => pickText(def?.nodes.find((n) => n.id === id)?.label, side) ?? id;

  const run = async (step: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await step();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const dryRun = () => run(async () => setPreview({ request: requestKey, answer: await previewMigration(caseId, request!) }));
  const migrate = () =>
    run(async () => {
      const r = await migrateCase(caseId, request!);
      onMigrated(t('casePage.migrated', { version: r.toVersion, node: r.toNode }));
    });

  return (
    <Dialog title={t('casePage.migrate')} onClose={onClose} testId="migrate-dialog">
      <div className="migrate-form">
        <label>
          {t('casePage.toVersion')}
          <select
            value={toVersion ?? ''}
            onChange={(e) => {
              setToVersion(e.target.value ? Number(e.target.value) : undefined);
              setMapping({});
            }}
            data-testid="migrate-version"
          >
            <option value="">{t('casePage.chooseVersion')}</option>
            {versions
              .filter((v) => v !== current)
              .map((v) => (
                <option key={v} value={v}>
                  v{v}
                </option>
              ))}
          </select>
        </label>
        {target &&
          activeNodes.map((id) => (
            <label key={id}>
              {t('casePage.mapNode', { node: nodeName(definition, id) })}
              <select
                value={mapping[id] ?? ''}
                onChange={(e) => setMapping(({ [id]: _, ...rest }) => (e.target.value ? { ...rest, [id]: e.target.value } : rest))}
                data-testid={`migrate-map-${id}`}
              >
                <option value="">{t('casePage.sameId', { node: id })}</option>
                {target.nodes
                  .filter((n) => n.id !== id)
                  .map((n) => (
                    <option key={n.id} value={n.id}>
                      {nodeName(target, n.id)} ({n.id})
                    </option>
                  ))}
              </select>
            </label>
          ))}
        {fresh && <PreviewView preview={fresh} />}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </div>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="button" onClick={() => void dryRun()} disabled={!request || busy} data-testid="migrate-preview">
          {t('casePage.dryRun')}
        </button>
        <button type="button" className="primary" onClick={() => void migrate()} disabled={!fresh?.safe || busy} data-testid="migrate-run">
          {t('casePage.migrateRun')}
        </button>
      </div>
    </Dialog>
  );
}

function PreviewView({ preview }: { preview: MigrationPreview }) {
  const { t } = useTranslation();
  return (
    <div className="migrate-preview" data-testid="migrate-result" data-safe={preview.safe}>
      {preview.refusal ? (
        <p className="error" role="alert" data-testid="migrate-refusal">
          {t('casePage.refused', { reason: t(`casePage.refusal.${preview.refusal.code}`, { defaultValue: preview.refusal.message }) })}
        </p>
      ) : (
        <p className="ok">{t('casePage.safe', { from: preview.fromVersion, to: preview.toVersion })}</p>
      )}
      <h4>{t('casePage.moves')}</h4>
      <ul className="case-rows">
        {preview.moves.map((m) => (
          <li key={m.fromNode} data-testid="migrate-move">
            <code>{m.fromNode}</code> → <code>{m.toNode}</code> {m.toType === null && <span className="badge danger">{t('casePage.noSuchNode')}</span>}
          </li>
        ))}
      </ul>
      <h4>{t('casePage.missingVariables')}</h4>
      {preview.missingVariables.length === 0 ? (
        <p className="muted">{t('casePage.noMissingVariables')}</p>
      ) : (
        <ul className="case-rows" data-testid="migrate-missing">
          {preview.missingVariables.map((v) => (
            <li key={v.name}>
              <code>{v.name}</code> {v.required && <span className="badge danger">{t('casePage.required')}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
