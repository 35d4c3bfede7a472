// The bottom toast of a send: the undo countdown, the request in flight, then the acceptance with
// its identificativo. Polite live region: announced without taking the focus.
import { useTranslation } from 'react-i18next';

export type SendPhase =
  | { kind: 'countdown'; seconds: number }
  | { kind: 'sending' }
  | { kind: 'accepted'; identifier: string }
  | { kind: 'note'; text: string };

export function SendToast(props: { phase: SendPhase | null; onUndo: () => void; onDismiss: () => void }) {
  const { t } = useTranslation();
  const { phase } = props;
  return (
    <div className="toast-region" role="status" aria-live="polite">
      {phase !== null && (
        <div className="toast" data-kind={phase.kind}>
          {phase.kind === 'countdown' && (
            <>
              <span>{t('compose.sendingIn', { count: phase.seconds })}</span>
              <button type="button" className="button toast-action" onClick={props.onUndo}>
                {t('compose.undo')}
              </button>
            </>
          )}
          {phase.kind === 'sending' && (
            <>
              <progress className="toast-progress" aria-label={t('compose.sending')} />
              <span>{t('compose.sending')}</span>
            </>
          )}
          {phase.kind === 'accepted' && (
            <>
              <span className="toast-text">
                <strong>{t('compose.accepted')}</strong>
                <span>{t('compose.acceptedHint', { identifier: phase.identifier })}</span>
              </span>
              <button type="button" className="button ghost toast-action" onClick={props.onDismiss}>
                {t('compose.dismiss')}
              </button>
            </>
          )}
          {phase.kind === 'note' && (
            <>
              <span>{phase.text}</span>
              <button type="button" className="button ghost toast-action" onClick={props.onDismiss}>
                {t('compose.dismiss')}
              </button>
            </>
          )}
        </div>
      )}
    </div>
  );
}
