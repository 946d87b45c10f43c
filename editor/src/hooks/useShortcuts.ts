/** Keyboard shortcuts of the process editor; ignored while typing in a field. */
import { useEffect } from 'react';
import { useEditor } from '../store';

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

export function useShortcuts(save: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (!mod) return;
      const key = e.key.toLowerCase();
      // Save works everywhere, also from inside a field; the rest would clash with text editing.
      if (key === 's') {
        e.preventDefault();
        save();
        return;
      }
      if (isTyping(e.target)) return;
      const s = useEditor.getState();
      if (key === 'z' && !e.shiftKey) s.undo();
      else if ((key === 'z' && e.shiftKey) || key === 'y') s.redo();
      else if (key === 'c') s.copy();
      else if (key === 'v') s.paste();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [save]);
}
