/**
 * The case variables an expression field may complete: the process editor provides those of the
 * process being drawn; elsewhere (a form not tied to one process) there are none, and the field
 * still completes functions.
 */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { currentDefinition } from '../../hooks/processDocument';
import { variablePaths } from '../../model/variablePaths';
import { useEditor } from '../../store';

const Vocabulary = createContext<readonly string[]>([]);

export const useExpressionVariables = () => useContext(Vocabulary);

/** Provides the drawn process's variables, read again after each edit that can change them. */
export function ProcessVocabulary({ children }: { children: ReactNode }) {
  const revision = useEditor((s) => s.revision);
  // The store's revision is what changes when the definition does: the memo reads the store itself.
  const variables = useMemo(() => variablePaths(currentDefinition()), [revision]);
  return <Vocabulary.Provider value={variables}>{children}</Vocabulary.Provider>;
}
