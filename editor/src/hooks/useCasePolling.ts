/** Polls a test case every second while it runs, and paints its path on the run overlay. */
import { useEffect, useState } from 'react';
import { getInstance, type InstanceState } from '../api/instances';
import { runMarks } from '../model/marks';
import { useEditor } from '../store';

const POLL_MS = 1000;

export function useCasePolling(instanceId: string | null): { instance: InstanceState | null; error: string | null } {
  const [instance, setInstance] = useState<InstanceState | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setInstance(null);
    setError(null);
    if (!instanceId) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const state = await getInstance(instanceId);
        if (stopped) return;
        setInstance(state);
        setError(null);
        const { overlay, setOverlay } = useEditor.getState();
        if (overlay?.kind === 'run') setOverlay({ ...overlay, marks: runMarks(state) });
        if (state.status !== 'running') return;
      } catch (err) {
        if (stopped) return;
        // A failed poll (engine restarting) is shown and retried, not fatal.
        setError(err instanceof Error ? err.message : String(err));
      }
      timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [instanceId]);

  return { instance, error };
}
