// A confirmation before an action that cannot be undone; the safe choice has the focus first.
import { useEffect, useRef } from 'react';
import { Dialog } from './Dialog.tsx';

export interface Confirmation {
  title: string;
  body: string;
  confirmLabel: string;
  run: () => void;
}

export function ConfirmDialog(props: {
  confirmation: Confirmation | null;
  cancelLabel: string;
  onClose: () => void;
}) {
  const { confirmation, cancelLabel, onClose } = props;
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirmation !== null) cancelRef.current?.focus();
  }, [confirmation]);
  return (
    <Dialog
      open={confirmation !== null}
      title={confirmation?.title ?? ''}
      closeLabel={cancelLabel}
      onClose={onClose}
    >
      <p>{confirmation?.body}</p>
      <div className="dialog-actions">
        <button ref={cancelRef} type="button" className="button" onClick={onClose}>
          {cancelLabel}
        </button>
        <button
          type="button"
          className="button danger"
          onClick={() => {
            confirmation?.run();
            onClose();
          }}
        >
          {confirmation?.confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
