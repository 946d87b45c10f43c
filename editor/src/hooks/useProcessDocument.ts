/**
 * The process being edited as the server knows it: loading it into the store, saving the draft,
 * publishing, and the list of its versions. The sandbox (no key) works offline and cannot save.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ProcessDefinition } from '../../../workflows/definition/schema';
import { ApiError } from '../api/client';
import type { Notice } from '../components/NoticeText';
import { getProcess, getProcessVersion, publishProcess, saveProcessDraft, type ProcessDetail } from '../api/processes';
import { placed } from '../layout/elk';
import { toDefinition, toFlow } from '../model/convert';
import { generateDefinition } from '../model/generate';
import { useEditor } from '../store';



/** Loads a definition into the editor, laying it out first when it was saved without positions. */
async function loadDefinition(definition: ProcessDefinition): Promise<void> {
  const { meta, nodes, edges, positioned } = toFlow(definition);
  useEditor.getState().load({ meta, nodes: await placed(nodes, edges, positioned), edges });
}

export function currentDefinition(): ProcessDefinition {
  const s = useEditor.getState();
  return toDefinition(s.meta, s.nodes, s.edges);
}

/** `key` null opens the offline sandbox with a generated process of `sandboxSize` nodes. */
export function useProcessDocument(key: string | null, sandboxSize: number) {
  const [detail, setDetail] = useState<ProcessDetail | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);

  const refresh = useCallback(async () => {
    if (key) setDetail(await getProcess(key));
  }, [key]);

  useEffect(() => {
    let cancelled = false;
    setDetail(null);
    setLoadError(null);
    setLoaded(false);
    (async () => {
      if (!key) {
        await loadDefinition(generateDefinition(sandboxSize));
        if (!cancelled) setLoaded(true);
        return;
      }
      const found = await getProcess(key);
      const latest = found.versions.reduce((m, v) => Math.max(m, v.version), 0);
      const definition = found.draft?.definition ?? (latest > 0 ? (await getProcessVersion(key, latest)).definition : null);
      if (cancelled) return;
      setDetail(found);
      await loadDefinition(definition ?? { key, name: found.name, nodes: [{ id: 'start', type: 'start', position: { x: 0, y: 0 } }], edges: [] });
      if (!cancelled) setLoaded(true);
    })().catch((err: unknown) => !cancelled && setLoadError(err instanceof Error ? err.message : String(err)));
    return () => {
      cancelled = true;
    };
  }, [key, sandboxSize]);

  const fail = (err: unknown) => {
    const problems = err instanceof ApiError ? err.problems : [];
    // The server's word is final: its problems replace the live ones until the next edit.
    if (problems.length > 0) useEditor.getState().setProblems(problems);
    setNotice({ kind: 'error', message: err instanceof Error ? err.message : String(err), problems });
  };

  const save = useCallback(async (): Promise<boolean> => {
    if (!key) return false;
    setBusy(true);
    try {
      const result = await saveProcessDraft(key, currentDefinition());
      useEditor.getState().markSaved();
      setNotice({ kind: 'saved', problems: result?.problems ?? [] });
      await refresh();
      return true;
    } catch (err) {
      fail(err);
      return false;
    } finally {
      setBusy(false);
    }
  }, [key, refresh]);

  const publish = useCallback(
    async (comment: string): Promise<number | null> => {
      if (!key) return null;
      setBusy(true);
      try {
        await saveProcessDraft(key, currentDefinition());
        useEditor.getState().markSaved();
        const { version } = await publishProcess(key, comment);
        setNotice({ kind: 'published', version });
        await refresh();
        return version;
      } catch (err) {
        fail(err);
        return null;
      } finally {
        setBusy(false);
      }
    },
    [key, refresh],
  );

  return { detail, loaded, loadError, busy, notice, setNotice, save, publish };
}
