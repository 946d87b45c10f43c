/** A modal dialog on the native <dialog> element, which traps focus and closes on Escape. */
import { useEffect, useRef, type ReactNode } from 'react';

interface DialogProps {
  title: string;
  onClose(): void;
  children: ReactNode;
  testId: string;
}

export function Dialog({ title, onClose, children, testId }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  // No close() on cleanup: unmounting removes the element (which closes it), and a close() there
  // would fire `close` and dismiss the dialog as soon as StrictMode re-runs the effect.
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog ref={ref} className="dialog" onClose={onClose} onCancel={onClose} data-testid={testId} aria-label={title}>
      <h2>{title}</h2>
      {children}
    </dialog>
  );
}
