// Short notices after an action, in a polite live region, each with an optional action (Undo).
import { useCallback, useEffect, useRef, useState } from 'react';
import { Icon } from './Icon.tsx';

export interface Toast {
  id: number;
  text: string;
  action?: { label: string; run: () => void };
  tone?: 'error';
}

/** How long a toast stays (an Undo must stay long enough to be reached by keyboard). */
const toastMs = 8000;

export function useToasts() {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => {
    setToasts((current) => current.filter((toast) => toast.id !== id));
  }, []);
  const show = useCallback((toast: Omit<Toast, 'id'>) => {
    const id = next.current++;
    setToasts((current) => [...current.slice(-2), { ...toast, id }]);
    return id;
  }, []);
  return { toasts, show, dismiss };
}

function ToastItem({
  toast,
  dismiss,
  dismissLabel,
}: {
  toast: Toast;
  dismiss: (id: number) => void;
  dismissLabel: string;
}) {
  useEffect(() => {
    const timer = setTimeout(() => {
      dismiss(toast.id);
    }, toastMs);
    return () => {
      clearTimeout(timer);
    };
  }, [toast.id, dismiss]);
  return (
    <div className={toast.tone === 'error' ? 'toast toast-error' : 'toast'}>
      <span className="toast-text">{toast.text}</span>
      {toast.action !== undefined && (
        <button
          type="button"
          className="button ghost toast-action"
          onClick={() => {
            toast.action?.run();
            dismiss(toast.id);
          }}
        >
          {toast.action.label}
        </button>
      )}
      <button
        type="button"
        className="icon-button"
        title={dismissLabel}
        onClick={() => {
          dismiss(toast.id);
        }}
      >
        <Icon name="close" size={16} />
        <span className="visually-hidden">{dismissLabel}</span>
      </button>
    </div>
  );
}

export function ToastRegion(props: {
  toasts: readonly Toast[];
  dismiss: (id: number) => void;
  dismissLabel: string;
}) {
  return (
    <div className="toasts" role="status" aria-live="polite">
      {props.toasts.map((toast) => (
        <ToastItem key={toast.id} toast={toast} dismiss={props.dismiss} dismissLabel={props.dismissLabel} />
      ))}
    </div>
  );
}
