/**
 * Live validation with the server's own validator, run in a worker after the user pauses, so
 * problems appear as the graph is drawn without a request per keystroke and without blocking
 * the canvas. Moving nodes does not revalidate: positions cannot make a definition invalid.
 */
import { useEffect } from 'react';
import { useCatalog } from '../catalog';
import { toDefinition } from '../model/convert';
import { useEditor } from '../store';
import type { ValidationReply, ValidationRequest } from '../validation/messages';

const PAUSE_MS = 200;

export function useLiveValidation(): void {
  const catalogReady = useCatalog((s) => s.status === 'ready');
  const activityNames = useCatalog((s) => s.activities);

  useEffect(() => {
    // Without the registry, activity names cannot be checked; the validator then skips that check.
    const activities = catalogReady ? activityNames.map((a) => a.name) : undefined;
    const activityInputs = catalogReady ? Object.fromEntries(activityNames.map((a) => [a.name, a.inputSchema])) : undefined;
    const worker = new Worker(new URL('../validation/validation.worker.ts', import.meta.url), { type: 'module' });
    let seq = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    worker.onmessage = (e: MessageEvent<ValidationReply>) => {
      if (e.data.seq === seq) useEditor.getState().setProblems(e.data.problems);
    };
    const validate = () => {
      const s = useEditor.getState();
      const request: ValidationRequest = { seq: ++seq, definition: toDefinition(s.meta, s.nodes, s.edges), activities, activityInputs };
      worker.postMessage(request);
    };
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(validate, PAUSE_MS);
    };
    schedule();
    const unsubscribe = useEditor.subscribe((s, prev) => {
      if (s.revision !== prev.revision) schedule();
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
      worker.terminate();
    };
  }, [catalogReady, activityNames]);
}
