/** The rule set editor: facts, rules or a decision table, and "Try it" / impact preview beside them. */
import { useMemo, useState } from 'react';
import { validateRuleSet } from '../../../rules/ruleset-validate';
import { useTranslation } from 'react-i18next';
import type { RuleSet } from '../api/rulesets';
import { PublishDialog } from '../components/PublishDialog';
import { DecisionTableGrid } from '../components/rules/DecisionTableGrid';
import { FactsEditor } from '../components/rules/FactsEditor';
import { ImpactPanel } from '../components/rules/ImpactPanel';
import { NamedConditionsEditor } from '../components/rules/NamedConditionsEditor';
import { RulesEditor } from '../components/rules/RulesEditor';
import { TryItPanel } from '../components/rules/TryItPanel';
import { useLeaveGuard } from '../hooks/useLeaveGuard';
import { useRuleSetDocument } from '../hooks/useRuleSetDocument';
import { NoticeText } from '../components/NoticeText';
import { useLocalized } from '../i18n/useLocalized';

export function RuleSetEditorScreen({ rulesetKey }: { rulesetKey: string }) {
  const { t } = useTranslation();
  const doc = useRuleSetDocument(rulesetKey);
  const [tab, setTab] = useState<'try' | 'impact'>('try');
  const [publishing, setPublishing] = useState(false);
  const name = useLocalized(doc.definition?.name);
  useLeaveGuard(doc.dirty, t('editor.leaveUnsaved'));
  // The server's own validator, live: a draft it would refuse is not sent.
  const problems = useMemo(() => (doc.definition ? validateRuleSet(doc.definition) : []), [doc.definition]);

  if (doc.loadError) return <p className="screen-message field-error">{t('editor.loadFailed', { message: doc.loadError })}</p>;
  const def = doc.definition;
  if (!def) return <p className="screen-message">{t('common.loading')}</p>;
  const facts = Object.keys(def.facts);
  const update = (patch: Partial<RuleSet>) => doc.setDefinition({ ...def, ...patch } as RuleSet);
  const latest = doc.detail?.versions.reduce((m, v) => Math.max(m, v.version), 0) ?? 0;
  const shown = problems.length > 0 ? problems : doc.notice?.kind === 'error' ? doc.notice.problems : [];
  const blocked = problems.length > 0 ? t('publish.blocked', { count: problems.length }) : undefined;

  return (
    <>
      <div className="toolbar" role="toolbar">
        <a href="#/" className="back" title={t('nav.list')}>
          ←
        </a>
        <div className="doc-title">
          <strong>{name}</strong> <code>{def.key}</code> <span className="badge">{t(`rules.kind.${def.kind}`)}</span>
          {latest > 0 && <span className="muted"> v{latest}</span>}
          {doc.dirty && (
            <span className="dirty" title={t('toolbar.unsaved')}>
              ●
            </span>
          )}
        </div>
        <NoticeText notice={doc.notice} />
        <div className="toolbar-group">
          <button type="button" onClick={() => void doc.save()} disabled={doc.busy || !!blocked} title={blocked} data-testid="ruleset-save">
            {t('toolbar.save')}
          </button>
          <button type="button" className="primary" onClick={() => setPublishing(true)} disabled={doc.busy || !!blocked} title={blocked} data-testid="ruleset-publish">
            {t('toolbar.publish')}
          </button>
        </div>
      </div>
      <main className="ruleset-body">
        <div className="ruleset-main">
          {shown.length > 0 && (
            <ul className="problems-list" data-testid="ruleset-problems">
              {shown.map((p, i) => (
                <li key={i}>
                  <code>{p.path}</code> <span title={p.message}>{t(`problemCode.${p.code}`, { defaultValue: p.message, message: p.message })}</span>
                </li>
              ))}
            </ul>
          )}
          <FactsEditor facts={def.facts} onChange={(f) => update({ facts: f })} />
          {def.kind === 'rules' ? (
            <>
              <NamedConditionsEditor conditions={def.conditions} facts={facts} onChange={(conditions) => update({ conditions })} />
              <RulesEditor rules={def.rules} facts={facts} onChange={(rules) => update({ rules })} />
            </>
          ) : (
            <DecisionTableGrid table={def.table} facts={facts} onChange={(table) => update({ table })} />
          )}
        </div>
        <aside className="side-panel">
          <div className="tabs" role="tablist">
            {(['try', 'impact'] as const).map((id) => (
              <button key={id} type="button" role="tab" aria-selected={tab === id} className={tab === id ? 'active' : ''} onClick={() => setTab(id)} data-testid={`tab-${id}`}>
                {t(`rules.tabs.${id}`)}
              </button>
            ))}
          </div>
          <div className="tab-content" hidden={tab !== 'try'}>
            <TryItPanel rulesetKey={rulesetKey} facts={def.facts} candidate={doc.candidate} />
          </div>
          <div className="tab-content" hidden={tab !== 'impact'}>
            <ImpactPanel rulesetKey={rulesetKey} candidate={doc.candidate} />
          </div>
        </aside>
      </main>
      {publishing && <PublishDialog problems={problems.length} busy={doc.busy} onPublish={doc.publish} onClose={() => setPublishing(false)} />}
    </>
  );
}
