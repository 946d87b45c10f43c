/** The rule set editor: facts, rules or a decision table, and "Try it" / impact preview beside them. */
import { useCallback, useMemo, useState } from 'react';
import type { Problem } from '../../../language';
import { validateRuleSet } from '../../../rules/ruleset-validate';
import { ruleSetSchema } from '../../../rules/ruleset-schema';
import { warningsOf } from '../../../rules/ruleset-warnings';
import { useTranslation } from 'react-i18next';
import type { RuleSet } from '../api/rulesets';
import { useCan } from '../auth/session';
import { PublishDialog } from '../components/PublishDialog';
import { ReadOnlyBadge } from '../components/ReadOnlyBadge';
import { DecisionTableGrid } from '../components/rules/DecisionTableGrid';
import { DescriptionDetails } from '../components/fields/DescriptionFields';
import { FactsEditor } from '../components/rules/FactsEditor';
import { ParamTypesEditor } from '../components/rules/ParamTypesEditor';
import { ReplanLadders } from '../components/rules/ReplanLadders';
import { ImpactPanel } from '../components/rules/ImpactPanel';
import { NamedConditionsEditor } from '../components/rules/NamedConditionsEditor';
import { RulesEditor } from '../components/rules/RulesEditor';
import { RuleSetVersionsPanel } from '../components/rules/RuleSetVersionsPanel';
import { failingTests, RuleTestsPanel, useRuleTestReport } from '../components/rules/RuleTestsPanel';
import { TryItPanel } from '../components/rules/TryItPanel';
import { useLeaveGuard } from '../hooks/useLeaveGuard';
import { candidateOf, ruleSetAdapter, useRuleSetEditing } from '../hooks/ruleSetDocument';
import { useDocument } from '../hooks/useDocument';
import { JsonFileButtons } from '../components/JsonFileButtons';
import { NoticeText } from '../components/NoticeText';
import { parseImport } from '../model/importExport';
import { useLocalized } from '../i18n/useLocalized';

/** Problems (or warnings) with their paths, in the UI language where it has the code; nothing when there are none. */
function ProblemList({ problems, className, testId }: { problems: Problem[]; className: string; testId: string }) {
  const { t } = useTranslation();
  if (problems.length === 0) return null;
  return (
    <ul className={className} data-testid={testId}>
      {problems.map((p, i) => (
        <li key={i}>
          <code>{p.path}</code> <span title={p.message}>{t(`problemCode.${p.code}`, { defaultValue: p.message, message: p.message })}</span>
        </li>
      ))}
    </ul>
  );
}

export function RuleSetEditorScreen({ rulesetKey }: { rulesetKey: string }) {
  const { t } = useTranslation();
  const doc = useDocument(rulesetKey, ruleSetAdapter);
  const edited = useRuleSetEditing((s) => s.definition);
  const dirty = useRuleSetEditing((s) => s.dirty);
  const edit = useRuleSetEditing((s) => s.edit);
  const candidate = useCallback(() => candidateOf(doc.detail, doc.save), [doc.detail, doc.save]);
  const [tab, setTab] = useState<'try' | 'tests' | 'impact' | 'versions'>('try');
  const can = useCan();
  const mayWrite = can('ruleset.write');
  const mayPublish = can('ruleset.publish');
  const [publishing, setPublishing] = useState(false);
  // Until this rule set is loaded, the store may still hold the one edited before.
  const def = doc.loaded ? edited : null;
  const name = useLocalized(def?.name);
  useLeaveGuard(dirty, t('editor.leaveUnsaved'));
  // The server's own validator, live: a draft it would refuse is not sent.
  const problems = useMemo(() => (def ? validateRuleSet(def) : []), [def]);
  // The rule tests, live as the rules are edited (the server runs the same on save and publish).
  const report = useRuleTestReport(def, problems.length === 0);
  // And what the server would warn of: a table's overlaps and gaps, params contradicting their days.
  const warnings = useMemo(() => (def && problems.length === 0 ? warningsOf(def) : []), [def, problems]);

  if (doc.loadError) return <p className="screen-message field-error">{t('editor.loadFailed', { message: doc.loadError })}</p>;
  if (!def) return <p className="screen-message">{t('common.loading')}</p>;
  const facts = Object.keys(def.facts);
  // An outcome's params may read only the facts paramFacts names (ticked in the facts table).
  const paramFacts = def.paramFacts ?? [];
  const update = (patch: Partial<RuleSet>) => edit({ ...def, ...patch } as RuleSet);
  const latest = doc.detail?.latestVersion ?? 0;
  const shown = problems.length > 0 ? problems : doc.notice?.kind === 'error' ? doc.notice.problems : [];
  const blocked = problems.length > 0 ? t('publish.blocked', { count: problems.length }) : undefined;
  const importText = (text: string) => {
    const result = parseImport(text, ruleSetSchema);
    if ('errors' in result) doc.setNotice({ kind: 'error', message: `${t('notice.importFailed')} ${result.errors.join('; ')}`, problems: [] });
    // The file's rules replace the draft's (checked live like any edit); the key stays the one being edited.
    else edit({ ...result.definition, key: def.key });
  };

  return (
    <>
      <div className="toolbar ruleset-toolbar" role="toolbar">
        <a href="#/" className="back" title={t('nav.list')}>
          ←
        </a>
        <div className="doc-title">
          <strong>{name}</strong> <code>{def.key}</code> <span className="badge">{t(`rules.kind.${def.kind}`)}</span>
          {latest > 0 && <span className="muted"> v{latest}</span>}
          {dirty && (
            <span className="dirty" title={t('toolbar.unsaved')}>
              ●
            </span>
          )}
        </div>
        <NoticeText notice={doc.notice} />
        <div className="toolbar-group">
          <JsonFileButtons fileName={def.key} exportValue={() => def} onImportText={mayWrite ? importText : undefined} />
          {mayWrite && (
            <button type="button" onClick={() => void doc.save()} disabled={doc.busy || !!blocked} title={blocked} data-testid="ruleset-save">
              {t('toolbar.save')}
            </button>
          )}
          {mayPublish && (
            <button type="button" className="primary" onClick={() => setPublishing(true)} disabled={doc.busy || !!blocked} title={blocked} data-testid="ruleset-publish">
              {t('toolbar.publish')}
            </button>
          )}
          {!mayWrite && !mayPublish && <ReadOnlyBadge />}
        </div>
      </div>
      {mayPublish && latest > 0 && <ReplanLadders rulesetKey={rulesetKey} version={latest} />}
      <main className="ruleset-body">
        {/* A disabled fieldset disables every control inside it: a reader sees the rules, unchangeable. */}
        <fieldset className="ruleset-main plain-fieldset" disabled={!mayWrite}>
          <ProblemList problems={shown} className="problems-list" testId="ruleset-problems" />
          <ProblemList problems={warnings} className="warnings-list" testId="ruleset-warnings" />
          <section className="ruleset-about">
            <DescriptionDetails value={def.description} onChange={(description) => update({ description })} testId="ruleset-description" />
          </section>
          <FactsEditor facts={def.facts} paramFacts={def.paramFacts} onChange={update} />
          <ParamTypesEditor types={def.paramTypes} onChange={(paramTypes) => update({ paramTypes })} />
          {def.kind === 'rules' ? (
            <>
              <NamedConditionsEditor conditions={def.conditions} facts={facts} onChange={(conditions) => update({ conditions })} />
              <RulesEditor rules={def.rules} facts={facts} paramFacts={paramFacts} paramTypes={def.paramTypes} onChange={(rules) => update({ rules })} />
            </>
          ) : (
            <DecisionTableGrid table={def.table} facts={facts} paramFacts={paramFacts} paramTypes={def.paramTypes} onChange={(table) => update({ table })} />
          )}
        </fieldset>
        <aside className="side-panel">
          <div className="tabs" role="tablist">
            {/* The impact preview replays recorded decisions: for those who may change the rules. */}
            {(['try', 'tests', 'impact', 'versions'] as const).filter((id) => id !== 'impact' || mayWrite).map((id) => (
              <button key={id} type="button" role="tab" aria-selected={tab === id} className={tab === id ? 'active' : ''} onClick={() => setTab(id)} data-testid={`tab-${id}`}>
                {t(`rules.tabs.${id}`)}
                {id === 'tests' && report && report.total > 0 && (
                  <span className={`tab-count ${report.failed > 0 ? 'tab-count-fail' : 'tab-count-pass'}`} data-testid="tests-tab-count">
                    {report.failed > 0 ? `✗${report.failed}` : `✓${report.passed}`}
                  </span>
                )}
              </button>
            ))}
          </div>
          <div className="tab-content" hidden={tab !== 'try'}>
            <TryItPanel
              rulesetKey={rulesetKey}
              facts={def.facts}
              candidate={candidate}
              testNames={(def.tests ?? []).map((x) => x.name)}
              onSaveAsTest={mayWrite ? (test) => update({ tests: [...(def.tests ?? []), test] }) : undefined}
            />
          </div>
          <div className="tab-content" hidden={tab !== 'tests'}>
            <RuleTestsPanel tests={def.tests ?? []} report={report} onChange={(tests) => update({ tests })} />
          </div>
          {mayWrite && (
            <div className="tab-content" hidden={tab !== 'impact'}>
              <ImpactPanel rulesetKey={rulesetKey} candidate={candidate} />
            </div>
          )}
          <div className="tab-content" hidden={tab !== 'versions'}>
            <RuleSetVersionsPanel rulesetKey={rulesetKey} versions={doc.detail?.versions ?? []} />
          </div>
        </aside>
      </main>
      {publishing && (
        <PublishDialog problems={problems.length} busy={doc.busy} onPublish={doc.publish} onClose={() => setPublishing(false)} failingTests={failingTests(report)} schedulable />
      )}
    </>
  );
}
