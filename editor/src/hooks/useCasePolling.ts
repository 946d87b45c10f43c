/** Polls a test case every second while it runs, and paints its path on the run overlay. */
import { useEffect, useState } from 'react';
import { getCase, type CaseSnapshot } from '../api/cases';
import { runMarks } from '../model/marks';
import { useEditor } from '../store';
import { errorText } from '../i18n/errorText';

const POLL_MS = 1000;

export function useCasePolling(caseId: string | null): { snapshot: CaseSnapshot | null; error: string | null } {
  const [snapshot, setSnapshot] = useState<CaseSnapshot | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setSnapshot(null);
    setError(null);
    if (!caseId) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const state = await getCase(caseId);
        if (stopped) return;
        setSnapshot(state);
        setError(null);
        const { overlay, setOverlay } = useEditor.getState();
        if (overlay?.kind === 'run') setOverlay({ ...overlay, marks: runMarks(state) });
        if (state.status !== 'running') return;
      } catch (err) {
        if (stopped) return;
        // A failed poll (engine restarting) is shown and retried, not fatal.
        setError(errorText(err));
      }
      timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [caseId]);

  return { snapshot, error };
}
