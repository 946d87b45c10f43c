/**
 * The document being edited, for any kind (processes, rule sets): loading it, saving the draft
 * and publishing with If-Match (document-session.ts), the notice of what happened, and a reload
 * when someone else's draft is newer. With no key, `sandbox` gives an offline content that cannot
 * be saved (the process editor's sandbox).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { DocumentDetail, PublishRequest } from '../api/documents';
import type { Notice } from '../components/NoticeText';
import { errorText } from '../i18n/errorText';
import { DocumentSession, failureNotice, type DocumentAdapter } from './document-session';

/** `adapter` and `sandbox` must keep their identity between renders (module constants, or memoised). */
export function useDocument<T>(key: string | null, adapter: DocumentAdapter<T>, sandbox?: () => T) {
  const session = useMemo(() => (key ? new DocumentSession(key, adapter) : null), [key, adapter]);
  const [detail, setDetail] = useState<DocumentDetail<T> | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  // Counts reloads: each loads the document again, dropping unsaved edits.
  const [loads, setLoads] = useState(0);

  useEffect(() => {
    let cancelled = false;
    setDetail(null);
    setLoadError(null);
    setLoaded(false);
    (async () => {
      if (session) {
        const found = await session.load(() => !cancelled);
        if (!found || cancelled) return;
        setDetail(found);
      } else if (sandbox) {
        await adapter.load(sandbox());
      }
      if (!cancelled) setLoaded(true);
    })().catch((err: unknown) => !cancelled && setLoadError(errorText(err)));
    return () => {
      cancelled = true;
    };
  }, [session, adapter, sandbox, loads]);

  const reload = useCallback(() => {
    setNotice(null);
    setLoads((n) => n + 1);
  }, []);

  /** Runs a write, then shows what it did and the versions after it; answers null when it failed. */
  const write = useCallback(
    async <R>(run: (s: DocumentSession<T>) => Promise<R>, done: (result: R) => Notice): Promise<R | null> => {
      if (!session) return null;
      setBusy(true);
      try {
        const result = await run(session);
        setNotice(done(result));
        setDetail(await session.refresh());
        return result;
      } catch (err) {
        const failed = failureNotice(err, reload);
        // The server's word is final: its problems replace the live ones until the next edit.
        if (failed?.kind === 'error' && failed.problems.length > 0) adapter.showProblems?.(failed.problems);
        setNotice(failed);
        return null;
      } finally {
        setBusy(false);
      }
    },
    [session, adapter, reload],
  );

  const save = useCallback(async () => (await write((s) => s.save(), (saved) => ({ kind: 'saved', problems: saved.problems }))) !== null, [write]);

  const publish = useCallback(
    async (request: PublishRequest) => (await write((s) => s.publish(request), (published) => ({ kind: 'published', version: published.version })))?.version ?? null,
    [write],
  );

  return { detail, loaded, loadError, busy, notice, setNotice, save, publish, reload };
}
