/** A rule set's published versions, and what changed between two of them or a version and the draft as edited. */
import { useTranslation } from 'react-i18next';
import { diffRuleSets, type RuleSetDiff } from '../../../../rules/ruleset-diff';
import type { VersionInfo } from '../../api/documents';
import { ruleSetApi, type RuleSet } from '../../api/rulesets';
import { ruleSetAdapter } from '../../hooks/ruleSetDocument';
import { useRequest } from '../../hooks/useRequest';
import { useSideName, VersionCompare, type Side } from '../versions/VersionCompare';
import { VersionList } from '../versions/VersionList';
import { RuleSetDiffView } from './RuleSetDiffView';

export function RuleSetVersionsPanel({ rulesetKey, versions }: { rulesetKey: string; versions: VersionInfo[] }) {
  const { t } = useTranslation();
  const name = useSideName();
  const sorted = [...versions].sort((a, b) => b.version - a.version);
  const { result, error, run } = useRequest<{ label: string; diff: RuleSetDiff }>();

  const definitionOf = async (side: Side): Promise<RuleSet> =>
    side === 'draft' ? ruleSetAdapter.current() : (await ruleSetApi.version(rulesetKey, side)).definition;

  const compare = (from: Side, to: Side) =>
    void run(async () => {
      const [a, b] = await Promise.all([definitionOf(from), definitionOf(to)]);
      return { label: `${name(from)} → ${name(to)}`, diff: diffRuleSets(a, b) };
    });

  return (
    <div className="panel-body" data-testid="ruleset-versions">
      <h3>{t('versions.compare')}</h3>
      <VersionCompare versions={sorted} button={t('versions.showChanges')} onCompare={compare} />
      {error && <p className="field-error">{error}</p>}
      {result && <RuleSetDiffView label={result.label} diff={result.diff} />}
      <VersionList versions={sorted} />
    </div>
  );
}
