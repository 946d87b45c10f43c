import { useCallback, useState } from 'react';
import { errorText } from '../i18n/errorText';

/**
 * A request a panel runs on demand: its latest result, the error message of the
 * last failed try (which also clears the stale result), and whether one is under way.
 */
export function useRequest<T>() {
  const [result, setResult] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  /** Runs `request`; a null answer (nothing to send) leaves the last result in place. */
  const run = useCallback(async (request: () => Promise<T | null>) => {
    setBusy(true);
    setError(null);
    try {
      const answer = await request();
      if (answer !== null) setResult(answer);
    } catch (err) {
      setError(errorText(err));
      setResult(null);
    } finally {
      setBusy(false);
    }
  }, []);

  return { result, error, busy, run };
}
