/** The compare row of a versions panel: two sides, each a published version or the draft, and a button. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VersionInfo } from '../../api/documents';

/** One side of a comparison. */
export type Side = number | 'draft';

/** How a side is named: `v3`, or the draft in the UI's language. */
export function useSideName(): (side: Side) => string {
  const { t } = useTranslation();
  return (side) => (side === 'draft' ? t('versions.draft') : `v${side}`);
}

interface VersionCompareProps {
  /** Newest first; the first is compared with the draft unless chosen otherwise. */
  versions: VersionInfo[];
  button: string;
  onCompare(from: Side, to: Side): void;
}

export function VersionCompare({ versions, button, onCompare }: VersionCompareProps) {
  const name = useSideName();
  const [from, setFrom] = useState<Side>(versions[0]?.version ?? 'draft');
  const [to, setTo] = useState<Side>('draft');
  const options = [...versions.map((v) => v.version as Side), 'draft' as Side];
  const sideSelect = (value: Side, onChange: (s: Side) => void, testId: string) => (
    <select value={String(value)} onChange={(e) => onChange(e.target.value === 'draft' ? 'draft' : Number(e.target.value))} data-testid={testId}>
      {options.map((o) => (
        <option key={String(o)} value={String(o)}>
          {name(o)}
        </option>
      ))}
    </select>
  );
  return (
    <div className="compare-row">
      {sideSelect(from, setFrom, 'diff-from')}
      <span>→</span>
      {sideSelect(to, setTo, 'diff-to')}
      <button type="button" onClick={() => onCompare(from, to)} disabled={from === to} data-testid="show-diff">
        {button}
      </button>
    </div>
  );
}
