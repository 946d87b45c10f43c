/**
 * A list read a page at a time with the API's cursors: the first page whenever `load` changes
 * (new filters), then the next one on demand. An answer for filters since replaced is dropped.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorText } from '../i18n/errorText';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PagedList<T> {
  items: T[];
  /** Set while a page is under way (the first one included). */
  loading: boolean;
  error: string | null;
  hasMore: boolean;
  more(): void;
}

export function usePagedList<T>(load: (cursor?: string) => Promise<Page<T>>): PagedList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);

  const fetchPage = useCallback(
    (after: string | undefined, append: boolean) => {
      const mine = ++generation.current;
      setLoading(true);
      setError(null);
      load(after)
        .then((page) => {
          if (mine !== generation.current) return;
          setItems((previous) => (append ? [...previous, ...page.items] : page.items));
          setCursor(page.nextCursor);
        })
        .catch((err: unknown) => mine === generation.current && setError(errorText(err)))
        .finally(() => mine === generation.current && setLoading(false));
    },
    [load],
  );

  useEffect(() => {
    setItems([]);
    setCursor(null);
    fetchPage(undefined, false);
  }, [fetchPage]);

  const more = useCallback(() => {
    if (cursor) fetchPage(cursor, true);
  }, [cursor, fetchPage]);

  return { items, loading, error, hasMore: cursor !== null, more };
}
