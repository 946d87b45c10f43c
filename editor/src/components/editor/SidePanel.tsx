/** The right-hand column: properties of the selection, versions and diffs, and test cases. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VersionInfo } from '../../api/documents';
import { PropertiesPanel } from '../panels/PropertiesPanel';
import { DryRunPanel } from './DryRunPanel';
import { RunPanel } from './RunPanel';
import { VersionsPanel } from './VersionsPanel';

const tabs = ['properties', 'versions', 'run', 'dryRun'] as const;
type Tab = (typeof tabs)[number];

interface SidePanelProps {
  processKey: string | null;
  versions: VersionInfo[];
  latestVersion: number | null;
  /** Properties are shown, not edited. */
  readOnly: boolean;
  /** The user may start test cases and see their data. */
  mayRun: boolean;
}

export function SidePanel({ processKey, versions, latestVersion, readOnly, mayRun }: SidePanelProps) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('properties');
  const available = processKey ? tabs.filter((id) => id !== 'run' || mayRun).filter((id) => id !== 'dryRun' || !readOnly) : (['properties'] as const);
  return (
    <aside className="side-panel" data-testid="side-panel">
      <div className="tabs" role="tablist">
        {available.map((id) => (
          <button key={id} type="button" role="tab" aria-selected={tab === id} className={tab === id ? 'active' : ''} onClick={() => setTab(id)} data-testid={`tab-${id}`}>
            {t(`side.${id}`)}
          </button>
        ))}
      </div>
      {/* Tabs stay mounted when hidden, so a running test case keeps polling while properties are open. */}
      <div className="tab-content" hidden={tab !== 'properties'}>
        {/* A disabled fieldset disables every control inside it: a reader sees the properties, unchangeable. */}
        <fieldset className="plain-fieldset" disabled={readOnly}>
          <PropertiesPanel />
        </fieldset>
      </div>
      {processKey && (
        <>
          <div className="tab-content" hidden={tab !== 'versions'}>
            <VersionsPanel processKey={processKey} versions={versions} />
          </div>
          {mayRun && (
            <div className="tab-content" hidden={tab !== 'run'}>
              <RunPanel processKey={processKey} latestVersion={latestVersion} />
            </div>
          )}
          {!readOnly && (
            <div className="tab-content" hidden={tab !== 'dryRun'}>
              <DryRunPanel processKey={processKey} />
            </div>
          )}
        </>
      )}
    </aside>
  );
}
