import type { ProcessSummary } from '../api/processes';
import { pickText, useTextSide } from '../i18n/useLocalized';

/** A list screen's process filter: every process by its name in the user's language, or any. */
export function ProcessFilter({ processes, value, onChange, label, anyLabel, testId }: {
  processes: ProcessSummary[];
  value: string;
  onChange: (key: string) => void;
  label: string;
  anyLabel: string;
  testId: string;
}) {
  const side = useTextSide();
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        <option value="">{anyLabel}</option>
        {processes.map((p) => (
          <option key={p.key} value={p.key}>
            {pickText(p.name, side) ?? p.key}
          </option>
        ))}
      </select>
    </label>
  );
}
