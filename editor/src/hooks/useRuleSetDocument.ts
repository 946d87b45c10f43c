/** The rule set being edited: loaded from its draft (or latest version), saved and published. */
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/client';
import type { Notice } from '../components/NoticeText';
import { getRuleSet, getRuleSetVersion, publishRuleSet, saveRuleSetDraft, type Candidate, type RuleSet, type RuleSetDetail } from '../api/rulesets';


export function useRuleSetDocument(key: string) {
  const [detail, setDetail] = useState<RuleSetDetail | null>(null);
  const [definition, setDefinitionState] = useState<RuleSet | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const found = await getRuleSet(key);
      const latest = found.versions.reduce((m, v) => Math.max(m, v.version), 0);
      const def = found.draft?.definition ?? (latest > 0 ? (await getRuleSetVersion(key, latest)).definition : null);
      if (cancelled) return;
      setDetail(found);
      setDefinitionState(def ?? { key, name: found.name, facts: {}, kind: 'rules', rules: [] });
    })().catch((err: unknown) => !cancelled && setLoadError(err instanceof Error ? err.message : String(err)));
    return () => {
      cancelled = true;
    };
  }, [key]);

  const setDefinition = useCallback((next: RuleSet) => {
    setDefinitionState(next);
    setDirty(true);
  }, []);

  const fail = (err: unknown) =>
    setNotice({ kind: 'error', message: err instanceof Error ? err.message : String(err), problems: err instanceof ApiError ? err.problems : [] });

  /** Saves the draft; "Try it" and impact preview evaluate the saved draft, so they save first. */
  const save = useCallback(async (): Promise<boolean> => {
    if (!definition) return false;
    setBusy(true);
    try {
      await saveRuleSetDraft(key, definition);
      setDirty(false);
      setNotice({ kind: 'saved', problems: [] });
      setDetail(await getRuleSet(key));
      return true;
    } catch (err) {
      fail(err);
      return false;
    } finally {
      setBusy(false);
    }
  }, [key, definition]);

  const publish = useCallback(
    async (comment: string) => {
      if (!(await save())) return;
      setBusy(true);
      try {
        const { version } = await publishRuleSet(key, comment);
        setNotice({ kind: 'published', version });
        setDetail(await getRuleSet(key));
      } catch (err) {
        fail(err);
      } finally {
        setBusy(false);
      }
    },
    [key, save],
  );

  /**
   * The rules as edited, for "Try it" and impact preview: unsaved edits are saved as the draft first;
   * without edits or a draft, the published version is used, so trying a rule set creates no draft.
   */
  const candidate = useCallback(async (): Promise<Candidate | null> => {
    if (dirty) return (await save()) ? { draft: true } : null;
    const latest = detail?.versions.reduce((m, v) => Math.max(m, v.version), 0) ?? 0;
    return detail?.draft || latest === 0 ? { draft: true } : { version: latest };
  }, [dirty, save, detail]);

  return { detail, definition, setDefinition, loadError, dirty, busy, notice, save, publish, candidate };
}
