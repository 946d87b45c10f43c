/**
 * Live validation with the server's own validator, run in the browser after the user pauses,
 * so problems appear as the graph is drawn without a request per keystroke.
 */
import { useEffect } from 'react';
import { useCatalog } from '../catalog';
import { toDefinition } from '../model/convert';
import { useEditor } from '../store';

const PAUSE_MS = 250;

type Validator = typeof import('../../../workflows/definition/validate');

/** The validator (and the JSONata parser it needs) loads after the canvas is drawn, not before. */
let validator: Promise<Validator> | undefined;
const loadValidator = () => (validator ??= import('../../../workflows/definition/validate'));

async function validate(activities: string[] | undefined): Promise<void> {
  const { validateDefinition } = await loadValidator();
  const s = useEditor.getState();
  const definition = toDefinition(s.meta, s.nodes, s.edges);
  try {
    s.setProblems(validateDefinition(definition, activities ? { activities } : undefined));
  } catch (err) {
    // A validator crash must not take the editor down; show it as a problem instead.
    s.setProblems([{ path: '', code: 'validator_error', message: err instanceof Error ? err.message : String(err) }]);
  }
}

export function useLiveValidation(): void {
  const catalogReady = useCatalog((s) => s.status === 'ready');
  const activityNames = useCatalog((s) => s.activities);

  useEffect(() => {
    // Without the registry, activity names cannot be checked; the validator then skips that check.
    const names = catalogReady ? activityNames.map((a) => a.name) : undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void validate(names), PAUSE_MS);
    };
    schedule();
    const unsubscribe = useEditor.subscribe((s, prev) => {
      if (s.nodes !== prev.nodes || s.edges !== prev.edges || s.meta !== prev.meta) schedule();
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [catalogReady, activityNames]);
}
