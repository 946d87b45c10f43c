/** The published versions of a document, newest first: who published each, when and why. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { VersionInfo } from '../../api/documents';

interface VersionListProps {
  /** Newest first. */
  versions: VersionInfo[];
  /** What can be done with a version (the process editor views and restores one). */
  actions?(version: number): ReactNode;
}

export function VersionList({ versions, actions }: VersionListProps) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <h3>{t('versions.title')}</h3>
      {versions.length === 0 && <p className="muted">{t('versions.none')}</p>}
      <ul className="versions" data-testid="versions-list">
        {versions.map((v) => (
          <li key={v.version} data-testid={`version-${v.version}`}>
            <div>
              <strong>v{v.version}</strong> · {v.author} · {new Date(v.createdAt).toLocaleString(i18n.language)}
            </div>
            {v.state && (
              <div className={`version-state version-${v.state}`} data-testid={`version-${v.version}-state`}>
                {t(`versions.state.${v.state}`)}
                {v.effectiveAt && ` · ${t('versions.effectiveAt', { at: new Date(v.effectiveAt).toLocaleString(i18n.language) })}`}
              </div>
            )}
            <div className="version-comment">{v.comment}</div>
            {actions && <div className="version-actions">{actions(v.version)}</div>}
          </li>
        ))}
      </ul>
    </>
  );
}
